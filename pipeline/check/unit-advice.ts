/** What an author is told about an unknown unit: a listed unit only when it means the same thing (model/units.ts). */
import { adviseUnit, type UnitTable } from '../model/units.ts';

export function unitAdvice(units: UnitTable, unknown: string): string {
  const a = adviseUnit(units, unknown);
  const add = `add it to a dimension of templates/units.yaml`;
  switch (a.kind) {
    case 'suggest':
      return `Did you mean "${a.unit}"? (Units are listed in templates/units.yaml; to use "${unknown}", ${add}.)`;
    case 'other-currency':
      return `No unit in ${a.word} is listed, and a yuan unit would be another figure: ${add} (a dimension of its own: ${a.word} do not convert into the yuan units).`;
    case 'other-scale':
      return `The ${a.dimension.name} units are ${a.dimension.units.join(', ')}: write the value in one of them, or ${add} (units: ${a.dimension.name}, with how many ${a.dimension.units[0]} it holds).`;
    case 'unknown':
      return `Units are listed in templates/units.yaml (${units.names.join(', ')}); to use "${unknown}", ${add}.`;
  }
}
