/**
 * The GitHub Actions workflow, linted here (actionlint is not installed): valid YAML, well-formed
 * jobs and steps, the README's commands plus the diff in order, no expression inside a shell
 * script, every script parsed by bash, the comment script parsed as JavaScript.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { commentMarker } from '../../pipeline/diff/diff-summary.ts';
import { repoRoot } from '../../pipeline/core/project.ts';
import { locales } from '../../pipeline/commands/common-options.ts';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  if?: string;
}
interface Job {
  if?: string;
  'runs-on': string;
  needs?: string | string[];
  strategy?: { matrix?: Record<string, string[]>; 'fail-fast'?: boolean };
  permissions?: Record<string, string>;
  steps: Step[];
}

const file = join(repoRoot, '.github', 'workflows', 'edition.yml');
const doc = parseDocument(readFileSync(file, 'utf8'), { uniqueKeys: true, strict: true });
const wf = doc.toJS() as { on: Record<string, { tags?: string[] } | null>; permissions: Record<string, string>; jobs: Record<string, Job> };
const runs = (job: Job) => job.steps.filter((s) => s.run).map((s) => s.run!.trim());

describe('.github/workflows/edition.yml', () => {
  it('is valid YAML with unique keys', () => {
    expect(doc.errors).toEqual([]);
    expect(doc.warnings).toEqual([]);
  });

  it('runs on pull requests and on tags, with read-only permissions by default', () => {
    expect(Object.keys(wf.on).sort()).toEqual(['pull_request', 'push']);
    expect(wf.on.push?.tags).toEqual(['*']);
    expect(wf.permissions).toEqual({ contents: 'read' });
  });

  it('has well-formed jobs: a runner, steps with one action or one script each, actions pinned to a major version', () => {
    for (const job of Object.values(wf.jobs)) {
      expect(job['runs-on']).toBe('ubuntu-latest');
      expect(job.steps.length).toBeGreaterThan(0);
      for (const step of job.steps) {
        expect(Number(!!step.uses) + Number(!!step.run)).toBe(1);
        if (step.uses) expect(step.uses).toMatch(/^[\w-]+\/[\w-]+@v\d+$/);
      }
    }
  });

  it('on a pull request: installs, tests, builds with the README\'s commands, diffs against the base branch, uploads, comments', () => {
    const pr = wf.jobs['pull-request'];
    expect(pr.if).toBe("github.event_name == 'pull_request'");
    expect(pr.permissions).toEqual({ contents: 'read' });
    expect(pr.steps[0]).toMatchObject({ uses: 'actions/checkout@v4', with: { 'fetch-depth': 0, 'persist-credentials': false } });
    expect(runs(pr)).toEqual(['node pipeline/bootstrap.mjs', 'npm test', 'npm run build', 'npm run diff -- "origin/$BASE_REF"']);
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    for (const command of ['npm run build', 'npm test']) expect(readme).toContain(command);
    const uploads = pr.steps.filter((s) => s.uses?.startsWith('actions/upload-artifact'));
    expect(uploads.map((u) => u.with?.path)).toEqual(['out/report.pdf\nout/report.zh-Hant.pdf\nout/edition.json\n', 'out/diff/', 'out/site/', 'out/diff/summary.md']);
    expect(uploads[3].with?.name).toBe('edition-summary');
    // the job that runs the pull request's code posts nothing and holds no token that can write
    expect(pr.steps.some((s) => s.uses?.startsWith('actions/github-script'))).toBe(false);
  });

  it('posts the comment from a separate workflow_run job that runs no code of the pull request (issue 21)', () => {
    const cdoc = parseDocument(readFileSync(join(repoRoot, '.github', 'workflows', 'edition-comment.yml'), 'utf8'), { uniqueKeys: true, strict: true });
    expect(cdoc.errors).toEqual([]);
    const cwf = cdoc.toJS() as { on: Record<string, { workflows: string[]; types: string[] }>; permissions: Record<string, string>; jobs: Record<string, Job> };
    expect(cwf.on).toEqual({ workflow_run: { workflows: ['edition'], types: ['completed'] } });
    expect(cwf.permissions).toEqual({});
    const job = cwf.jobs.comment;
    expect(job.if).toBe("github.event.workflow_run.event == 'pull_request'");
    expect(job.permissions).toEqual({ actions: 'read', 'pull-requests': 'write' });
    // no checkout, no shell, no npm: only the artifact and the API
    expect(job.steps.map((s) => s.uses)).toEqual(['actions/download-artifact@v4', 'actions/github-script@v7']);
    expect(job.steps[0].with).toMatchObject({ name: 'edition-summary', 'run-id': '${{ github.event.workflow_run.id }}' });
    const script = String(job.steps[1].with?.script);
    expect(script).toContain(`'${commentMarker}'`);
    expect(script).toContain("readFileSync('summary/summary.md'");
    expect(script).toContain('p.head.sha === run.head_sha');
    expect(script).not.toMatch(/require\((?!'node:fs'\))/);
    expect(script).toMatch(/updateComment[\s\S]*createComment/);
    const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => unknown;
    expect(() => new AsyncFunction('github', 'context', 'core', 'require', script)).not.toThrow();
  });

  it('keeps no credentials in any checkout', () => {
    for (const job of Object.values(wf.jobs)) {
      for (const step of job.steps.filter((s) => s.uses?.startsWith('actions/checkout'))) expect(step.with?.['persist-credentials']).toBe(false);
    }
  });

  it('on a tag: tests, builds, names the PDF after the edition and publishes it', () => {
    const release = wf.jobs.release;
    expect(release.if).toBe("startsWith(github.ref, 'refs/tags/')");
    expect(release.permissions).toEqual({ contents: 'write' });
    const scripts = runs(release);
    expect(scripts.slice(0, 3)).toEqual(['node pipeline/bootstrap.mjs', 'npm test', 'npm run build']);
    expect(scripts.join('\n')).toContain('cp out/report.pdf "$id.pdf"');
    expect(scripts.join('\n')).toContain("id=$(node -p \"require('./out/edition.json').id\")");
    expect(scripts.join('\n')).toContain('gh release create "$GITHUB_REF_NAME" "$FILE"');
  });

  it('on a tag: deploys the web edition (out/site) to GitHub Pages from a job of its own, the only one allowed to', () => {
    const release = wf.jobs.release;
    expect(release.steps.find((s) => s.uses === 'actions/upload-pages-artifact@v3')?.with).toEqual({ path: 'out/site/' });
    const pages = wf.jobs.pages as Job & { needs?: string; environment?: { name: string } };
    expect(pages.needs).toBe('release');
    expect(pages.if).toBe("startsWith(github.ref, 'refs/tags/')");
    expect(pages.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
    expect(pages.environment?.name).toBe('github-pages');
    expect(pages.steps.map((s) => s.uses)).toEqual(['actions/deploy-pages@v4']);
    const others = Object.entries(wf.jobs).filter(([name]) => name !== 'pages');
    for (const [, job] of others) expect(job.permissions?.pages).toBeUndefined();
  });

  it('builds the locales side by side: a matrix job per locale (issue 16), each uploading its edition', () => {
    const editions = wf.jobs.editions;
    expect(editions.if).toBeUndefined(); // pull requests and tags alike
    expect(editions.strategy?.matrix?.locale).toEqual([...locales]);
    const build = editions.steps.find((s) => s.run?.startsWith('npm run build'))!;
    expect(build.run!.trim()).toBe('npm run build -- --locale "$LOCALE"');
    expect(build.env).toEqual({ LOCALE: '${{ matrix.locale }}' });
    const upload = editions.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))!;
    expect(upload.with?.name).toBe('edition-${{ matrix.locale }}');
    expect(String(upload.with?.path)).toContain('out/report*.pdf');
  });

  it('on a tag: publishes both locales, <id>.pdf and <id>.zh-Hant.pdf, from the matrix builds', () => {
    const release = wf.jobs.release;
    expect(release.needs).toBe('editions');
    expect(release.steps.find((s) => s.uses?.startsWith('actions/download-artifact'))?.with).toMatchObject({ pattern: 'edition-*', path: 'editions' });
    const scripts = runs(release).join('\n');
    expect(scripts).toContain('cp out/report.zh-Hant.pdf "$id.zh-Hant.pdf"');
    expect(scripts).toContain('cmp "editions/$pdf" "out/$pdf"');
    expect(scripts).toContain('gh release create "$GITHUB_REF_NAME" "$FILE" "$HANT"');
    expect(scripts).toContain('gh release upload "$GITHUB_REF_NAME" "$FILE" "$HANT" --clobber');
  });

  it('keeps ${{ }} expressions out of shell scripts (they go through env), and every script parses in bash', () => {
    for (const job of Object.values(wf.jobs)) {
      for (const script of runs(job)) {
        expect(script).not.toContain('${{');
        expect(() => execFileSync('bash', ['-n'], { input: script })).not.toThrow();
      }
    }
  });
});
