import nock from 'nock';

// No test reaches the network. End-to-end suites re-enable loopback only, for the sandbox.
nock.disableNetConnect();

afterEach(() => {
  nock.cleanAll();
});

// Each test file gets its own copy of nock (jest isolates modules per file), but the HTTP
// interceptor it installs is process-wide: remove it when the file ends, or it answers for the next.
afterAll(() => {
  nock.restore();
});

// ---------------------------------------------------------------- secrets and personal data
// Issue 6, guarantee 5 (docs/reliability.md). In every test file: collect what could leak
// (every message of an error thrown out of an appTester, every line written to the console,
// which is where z.console output goes under appTester) and what must not (every API key,
// webhook secret, comment, answer and note body handed to or returned by an appTester run, and
// anything shaped like an API key or a webhook secret); when the file ends, fail if one appears
// in the other. A summary per file is written to $TMPDIR/nps-zapier-leak-check/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import zapierCore from 'zapier-platform-core';

const SECRET_SHAPES = [/nps_(?:live|test)_[A-Za-z0-9]{8,}/, /whsec_[A-Za-z0-9+/=]{16,}/];
const SENSITIVE_KEYS = new Set(['api_key', 'secret', 'comment', 'body', 'answer']);
const leakCheck = { outputs: [] as string[], secrets: new Set<string>(), runs: 0 };

const harvest = (value: unknown, key = '', depth = 0): void => {
  if (depth > 8 || value === null || value === undefined) return;
  if (typeof value === 'string') {
    const text = value.trim();
    if (SENSITIVE_KEYS.has(key) && text.length >= 12 && /\S{4,}/.test(text)) {
      leakCheck.secrets.add(text);
    }
    if (key === 'content' && text.startsWith('{')) {
      try {
        harvest(JSON.parse(text), '', depth + 1);
      } catch {
        // not JSON: nothing to harvest
      }
    }
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) harvest(item, key, depth + 1);
    return;
  }
  if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) harvest(v, k, depth + 1);
  }
};

type AppTester = (method: unknown, bundle?: unknown, clear?: boolean) => Promise<unknown>;
const core = zapierCore as unknown as { createAppTester: (...args: unknown[]) => AppTester };
const originalCreateAppTester = core.createAppTester;
core.createAppTester = (...args: unknown[]) => {
  const tester = originalCreateAppTester(...args);
  const wrapped = async (method: unknown, bundle?: unknown, clear?: boolean) => {
    leakCheck.runs += 1;
    harvest(bundle);
    try {
      const result = await tester(method, bundle, clear);
      harvest(result);
      return result;
    } catch (error) {
      const e = error as { name?: unknown; message?: unknown };
      leakCheck.outputs.push(`${String(e?.name)}: ${String(e?.message)}`);
      throw error;
    }
  };
  return Object.assign(wrapped, tester);
};

for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
  const original = console[level].bind(console);
  console[level] = (...parts: unknown[]) => {
    leakCheck.outputs.push(parts.map((p) => (typeof p === 'string' ? p : String(p))).join(' '));
    original(...parts);
  };
}

afterAll(() => {
  const leaks: string[] = [];
  for (const output of leakCheck.outputs) {
    for (const shape of SECRET_SHAPES) {
      const found = shape.exec(output)?.[0];
      if (found) leaks.push(`${found.slice(0, 12)}… in "${output.slice(0, 160)}"`);
    }
    for (const secret of leakCheck.secrets) {
      if (output.includes(secret))
        leaks.push(`"${secret.slice(0, 12)}…" in "${output.slice(0, 160)}"`);
    }
  }
  const file = relative(process.cwd(), expect.getState().testPath ?? 'unknown').replace(
    /[\\/]/g,
    '__',
  );
  try {
    const dir = join(tmpdir(), 'nps-zapier-leak-check');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, `${file}.json`),
      JSON.stringify({
        file,
        appTesterRuns: leakCheck.runs,
        outputsChecked: leakCheck.outputs.length,
        secretsKnown: leakCheck.secrets.size,
        leaks: leaks.length,
      }),
    );
  } catch {
    // the summary is evidence only
  }
  if (leaks.length) {
    throw new Error(
      `Secrets or personal data leaked into errors or logs:\n${leaks.slice(0, 10).join('\n')}`,
    );
  }
});
