/**
 * Per-function bundle size and cold import time, as deployed: each handler is bundled with
 * the esbuild options the CDK app uses (infra/constructs/helpdesk-function.ts), then imported
 * in a fresh Node process several times; the median is reported. Targets: ≤ 500 KB of code
 * and ≤ 150 ms to import (≤ 50 ms for health and me). `npm run bench` merges the rows into
 * bench/results.json; `npx tsx bench/bundles.ts` runs this part alone (BENCH_BUNDLES_OUT=file:
 * write the rows there; BENCH_SOURCE_MAPS=1: import with `--enable-source-maps`).
 *
 * Before and after: the functions of `baselineFunctions` are also bundled from an earlier commit
 * (BENCH_BASELINE, default `coldStartBaseline`: the code before the response schemas left the
 * request handlers; `none` skips it) and imported in turn with this tree's bundle, A B A B, so
 * the machine's load falls on both alike; the rows carry both medians and their ratio.
 */
import { execFileSync, execSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { attachmentEnvNames } from '#attachments/settings.js';
import { inboundEnvNames } from '#email/settings.js';
import { streamConsumers } from '#functions/stream/consumers.js';
import { identityEnvNames } from '#identity/settings.js';
import { apiEntry, cloudRoutes, profileSyncEntry, slaEntry } from '#infra/constructs/functions.js';
import { bundlingOptions } from '#infra/constructs/helpdesk-function.js';
import { retrySweepModule } from '#infra/constructs/webhook-retries.js';
import { envNames } from '#platform/config.js';
import { slaCheckKinds, slaFunctionModules } from '#sla/payload.js';

export const targets = { bundleKB: 500, importMs: 150, lightImportMs: 50 } as const;
/** Functions that must start faster than the rest (≤ `targets.lightImportMs`). */
const lightFunctions = new Set(['functions/platform/health', 'functions/identity/me']);

export interface BundleRow {
  function: string;
  kind: 'api' | 'sla' | 'stream' | 'identity' | 'webhooks';
  bundleKB: number;
  sourceMapKB: number;
  /** Median wall time of `runs` cold imports, each in a fresh Node process. */
  importMs: number;
  importRunsMs: number[];
  /** Median CPU time of the same imports. */
  importCpuMs: number;
  withinTargets: boolean;
  /** The same function bundled from the baseline commit, imported in turn with this one. */
  baseline?: { commit: string; bundleKB: number; importMs: number; importCpuMs: number; cpuRatio: number };
}

/** The commit before the cold-start work of issue 10 (defect 15): what "before" means by default. */
export const coldStartBaseline = 'e19b53c';
/** The functions measured against the baseline: the two light ones and the busiest ticket routes. */
export const baselineFunctions = [
  'functions/platform/health',
  'functions/identity/me',
  'functions/tickets/create-ticket',
  'functions/tickets/get-ticket',
  'functions/tickets/list-tickets',
  'functions/tickets/patch-ticket',
  'functions/tickets/post-message',
];

const projectRoot = resolve(import.meta.dirname, '..');
const outRoot = join(projectRoot, '.tmp', 'bench-bundles');

/** Configuration the handlers read at module load (values are placeholders; nothing is called). */
export const handlerEnvironment = {
  AWS_REGION: 'eu-central-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  [envNames.tableName]: 'helpdesk-bench',
  [envNames.cursorSecret]: 'bench-cursor-secret-of-sufficient-length',
  [envNames.mailFrom]: 'Help desk <helpdesk@example.com>',
  [envNames.sesConfigurationSet]: 'helpdesk-bench',
  [envNames.portalUrl]: 'https://portal.example.com',
  [envNames.scheduleGroup]: 'helpdesk-bench-sla',
  [envNames.schedulerRoleArn]: 'arn:aws:iam::123456789012:role/bench-scheduler',
  [envNames.slaTargetArns]: JSON.stringify(
    Object.fromEntries(
      slaCheckKinds.map((kind) => [
        kind,
        `arn:aws:lambda:eu-central-1:123456789012:function:bench-sla-${kind}`,
      ]),
    ),
  ),
  [envNames.slaDeadLetterArn]: 'arn:aws:sqs:eu-central-1:123456789012:bench-dlq',
  [envNames.schedulerMode]: 'eventbridge',
  [attachmentEnvNames.bucket]: 'helpdesk-bench-attachments',
  [inboundEnvNames.address]: 'support@helpdesk.example',
  [identityEnvNames.userPoolId]: 'eu-central-1_Bench',
  POWERTOOLS_SERVICE_NAME: 'helpdesk-bench',
  POWERTOOLS_LOG_LEVEL: 'ERROR',
  // As in the Lambda configuration (no --enable-source-maps); BENCH_SOURCE_MAPS=1 measures what it would cost.
  NODE_OPTIONS: process.env.BENCH_SOURCE_MAPS === '1' ? '--enable-source-maps' : '',
};

/** Every function the CDK app deploys, by name, kind and handler entry. */
export const deployedFunctions = (): { name: string; kind: BundleRow['kind']; entry: string }[] => [
  ...[...new Set(cloudRoutes().map((route) => route.module))].map((module) => ({
    name: module,
    kind: 'api' as const,
    entry: apiEntry(module),
  })),
  ...[...slaCheckKinds].map((kind) => ({
    name: `sla-${kind}`,
    kind: 'sla' as const,
    entry: slaEntry(slaFunctionModules[kind]),
  })),
  ...streamConsumers.map((consumer) => ({
    name: `stream-${consumer.name}`,
    kind: 'stream' as const,
    entry: apiEntry(consumer.module),
  })),
  { name: 'sync-profile', kind: 'identity' as const, entry: profileSyncEntry },
  { name: 'webhook-retries', kind: 'webhooks' as const, entry: apiEntry(retrySweepModule) },
];

const bundle = async (name: string, entry: string, root = outRoot): Promise<string> => {
  const outfile = join(root, name, 'index.js');
  mkdirSync(join(root, name), { recursive: true });
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: bundlingOptions.format,
    target: bundlingOptions.target,
    minify: bundlingOptions.minify,
    sourcemap: bundlingOptions.sourceMap,
    sourcesContent: bundlingOptions.sourcesContent,
    mainFields: [...bundlingOptions.mainFields],
    external: [...bundlingOptions.externalModules],
    logLevel: 'error',
  });
  return outfile;
};

/**
 * One cold import in a fresh process: the wall time from `require()` to the handler module
 * being ready, and the CPU time it took (less sensitive to other processes on a busy machine).
 */
const importOnce = (file: string): { wallMs: number; cpuMs: number } => {
  const script = [
    'const cpu = process.cpuUsage();',
    'const start = performance.now();',
    `require(${JSON.stringify(file)});`,
    'const wall = performance.now() - start;',
    'const used = process.cpuUsage(cpu);',
    'process.stdout.write(JSON.stringify({ wallMs: wall, cpuMs: (used.user + used.system) / 1000 }));',
  ].join('');
  const output = execFileSync(process.execPath, ['-e', script], {
    env: { ...process.env, ...handlerEnvironment },
    encoding: 'utf8',
  });
  return JSON.parse(output) as { wallMs: number; cpuMs: number };
};

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 ? sorted[middle] : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return value ?? Number.NaN;
};

const round = (value: number) => Math.round(value * 10) / 10;

/**
 * The source tree of the baseline commit (`git archive`, this tree's node_modules linked in), or
 * null when it cannot be had (no git, a shallow clone without that commit, BENCH_BASELINE=none).
 */
const baselineTree = (): { commit: string; root: string } | null => {
  const ref = process.env.BENCH_BASELINE ?? coldStartBaseline;
  if (ref === 'none') return null;
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', `${ref}^{commit}`], {
      cwd: projectRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    const root = join(projectRoot, '.tmp', 'bench-baseline', commit);
    if (!existsSync(join(root, 'package.json'))) {
      mkdirSync(root, { recursive: true });
      execSync(`git archive ${commit} | tar -x -C ${JSON.stringify(root)}`, { cwd: projectRoot });
      symlinkSync(join(projectRoot, 'node_modules'), join(root, 'node_modules'));
    }
    return { commit, root };
  } catch {
    console.log(`(no baseline: commit ${ref} is not in this clone)`);
    return null;
  }
};

export const benchBundles = async (
  runs = Number(process.env.BENCH_IMPORT_RUNS ?? 5),
): Promise<BundleRow[]> => {
  // BENCH_FUNCTIONS=me,health,create-ticket measures only those (a route by its module's name).
  const only = process.env.BENCH_FUNCTIONS?.split(',').map((name) => name.trim());
  const functions = deployedFunctions().filter(
    (fn) => !only || only.includes(fn.name) || only.includes(fn.name.split('/').pop() ?? ''),
  );
  // Lambda treats index.js as CommonJS; this project's package.json says "module", so say it here.
  mkdirSync(outRoot, { recursive: true });
  writeFileSync(join(outRoot, 'package.json'), '{ "type": "commonjs" }\n');
  const base = baselineTree();
  const baseOut = join(outRoot, 'baseline');
  if (base) {
    mkdirSync(baseOut, { recursive: true });
    writeFileSync(join(baseOut, 'package.json'), '{ "type": "commonjs" }\n');
  }
  const rows: BundleRow[] = [];
  for (const fn of functions) {
    const file = await bundle(fn.name, fn.entry);
    const baseEntry = base && join(base.root, relative(projectRoot, fn.entry));
    const baseFile =
      base && baseEntry && baselineFunctions.includes(fn.name) && existsSync(baseEntry)
        ? await bundle(fn.name, baseEntry, baseOut)
        : null;
    importOnce(file); // warm the file-system cache, as a deployed function's disk would be
    if (baseFile) importOnce(baseFile);
    const imports: { wallMs: number; cpuMs: number }[] = [];
    const baseImports: { wallMs: number; cpuMs: number }[] = [];
    for (let run = 0; run < runs; run++) {
      imports.push(importOnce(file));
      if (baseFile) baseImports.push(importOnce(baseFile));
    }
    const importRunsMs = imports.map((run) => round(run.wallMs));
    const bundleKB = round(statSync(file).size / 1024);
    const importMs = round(median(importRunsMs));
    const importCpuMs = round(median(imports.map((run) => run.cpuMs)));
    rows.push({
      function: fn.name,
      kind: fn.kind,
      bundleKB,
      sourceMapKB: round(statSync(`${file}.map`).size / 1024),
      importMs,
      importRunsMs,
      importCpuMs,
      withinTargets:
        bundleKB <= targets.bundleKB &&
        importMs <= (lightFunctions.has(fn.name) ? targets.lightImportMs : targets.importMs),
      ...(base && baseFile
        ? {
            baseline: {
              commit: base.commit,
              bundleKB: round(statSync(baseFile).size / 1024),
              importMs: round(median(baseImports.map((run) => run.wallMs))),
              importCpuMs: round(median(baseImports.map((run) => run.cpuMs))),
              // Pair by pair (run i of each, taken back to back), then the median.
              cpuRatio:
                Math.round(
                  median(imports.map((run, i) => run.cpuMs / (baseImports[i]?.cpuMs ?? Number.NaN))) * 100,
                ) / 100,
            },
          }
        : {}),
    });
  }

  console.log(
    `\nFunction bundles (esbuild as deployed; cold import = median of ${runs} fresh Node ${process.version} processes, ` +
      `load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} CPUs; targets ≤ ${targets.bundleKB} KB, ≤ ${targets.importMs} ms, health and me ≤ ${targets.lightImportMs} ms)`,
  );
  console.table(
    rows.map((row) => ({
      function: row.function,
      'bundle KB': row.bundleKB,
      'source map KB': row.sourceMapKB,
      'import ms (median)': row.importMs,
      'import CPU ms': row.importCpuMs,
      'within targets': row.withinTargets ? 'yes' : 'NO',
      ...(row.baseline
        ? {
            [`KB at ${row.baseline.commit}`]: row.baseline.bundleKB,
            [`import CPU ms at ${row.baseline.commit}`]: row.baseline.importCpuMs,
            'CPU now / then': row.baseline.cpuRatio,
          }
        : {}),
    })),
  );
  return rows;
};

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const rows = await benchBundles();
  if (process.env.BENCH_BUNDLES_OUT)
    writeFileSync(process.env.BENCH_BUNDLES_OUT, `${JSON.stringify(rows, null, 2)}\n`);
  else console.log(JSON.stringify(rows, null, 2));
}
