/** How every document is printed: A4 (or the CSS page size), backgrounds, outline and tags. */
export const pdfOptions = { format: 'A4', preferCSSPageSize: true, printBackground: true, outline: true, tagged: true } as const;
