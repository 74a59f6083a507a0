/** The tag tree's repairs on Chromium's content streams (issue 14): untagged painting as /Artifact. */
import { describe, expect, it } from 'vitest';
import { markArtifacts } from '../../pipeline/print/pdf-tags.ts';

describe('marking the page furniture as artifacts', () => {
  it('wraps painting outside marked content, from its first painting operator to its last, and leaves tagged content alone', () => {
    const stream = ['q', '.4 .4 .4 rg', 'BT', '/F9 10 Tf', '<0403> Tj', 'ET', 'Q', 'q', '/P <</MCID 0 >>BDC', 'BT', '<0012> Tj', 'ET', 'EMC', '0 0 1 1 re', 'f', '2 0 1 1 re', 'f', 'Q', '/Span <</MCID 1 >>BDC', '/Artifact BMC', '0 0 5 5 re', 'f', 'EMC', 'EMC'].join('\n');
    const { content, wrapped } = markArtifacts(stream);
    expect(wrapped).toBe(2);
    expect(content.split('\n')).toEqual(['q', '.4 .4 .4 rg', '/Artifact BMC', 'BT', '/F9 10 Tf', '<0403> Tj', 'ET', 'EMC', 'Q', 'q', '/P <</MCID 0 >>BDC', 'BT', '<0012> Tj', 'ET', 'EMC', '/Artifact BMC', '0 0 1 1 re', 'f', '2 0 1 1 re', 'f', 'EMC', 'Q', '/Span <</MCID 1 >>BDC', '/Artifact BMC', '0 0 5 5 re', 'f', 'EMC', 'EMC']);
  });

  it('leaves a run that paints nothing (a clip, a state change) unmarked', () => {
    const stream = ['q', '0 0 100 100 re', 'W* n', '1 0 0 1 5 5 cm', '/P <</MCID 0 >>BDC', 'BT', 'ET', 'EMC', 'Q'].join('\n');
    expect(markArtifacts(stream)).toEqual({ content: stream, wrapped: 0 });
  });
});
