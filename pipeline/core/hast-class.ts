/** A class added to a hast element, once: the renderer's marks (short, lead-in) and the redline's. */
import type { Element } from 'hast';

export function addClass(el: Element, name: string): void {
  const c = Array.isArray(el.properties?.className) ? (el.properties.className as string[]) : [];
  if (!c.includes(name)) el.properties = { ...el.properties, className: [...c, name] };
}
