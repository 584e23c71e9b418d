import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { projectRoot } from '#infra/constructs/functions.js';

/**
 * Infra tests synthesize in the project's `.tmp/` (git-ignored), never in the system temp
 * folder, and with the same feature flags as `cdk synth` (cdk.json).
 */
export const useProjectTmp = (): string => {
  const tmp = join(projectRoot, '.tmp');
  mkdirSync(tmp, { recursive: true });
  process.env.TMPDIR = tmp;
  useEsbuildDirectly(tmp);
  return tmp;
};

/**
 * CDK runs `npx --no-install esbuild …` once per function; npm's start-up costs about a
 * second each time on a busy CI machine, the binary a few milliseconds. For the tests only,
 * an `npx` earlier on the PATH runs the same local esbuild binary directly and hands any
 * other command to the real npx. What is bundled, and how, does not change.
 */
const useEsbuildDirectly = (tmp: string): void => {
  const bin = join(tmp, 'bin');
  if ((process.env.PATH ?? '').split(delimiter)[0] === bin) return;
  mkdirSync(bin, { recursive: true });
  const esbuild = join(projectRoot, 'node_modules', '.bin', 'esbuild');
  writeFileSync(
    join(bin, 'npx'),
    [
      '#!/bin/sh',
      `if [ "$1" = "--no-install" ] && [ "$2" = "esbuild" ]; then shift 2; exec "${esbuild}" "$@"; fi`,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell parameter expansion, not a template
      'PATH="${PATH#*:}" exec npx "$@"',
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  process.env.PATH = `${bin}${delimiter}${process.env.PATH ?? ''}`;
};

export const cdkJsonContext = (): Record<string, unknown> =>
  (JSON.parse(readFileSync(join(projectRoot, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> })
    .context;

const outdirs: string[] = [];

/** An app synthesizing into its own folder under `.tmp/`, removed by `removeSynthOutputs`. */
export const testApp = (context: Record<string, unknown> = {}): App => {
  const tmp = useProjectTmp();
  const outdir = mkdtempSync(join(tmp, 'cdk-test-'));
  outdirs.push(outdir);
  return new App({ outdir, context: { ...cdkJsonContext(), ...context } });
};

/** Each synth copies every asset (bundles, the AWS CLI layer of BucketDeployment): clean up. */
export const removeSynthOutputs = (): void => {
  for (const outdir of outdirs.splice(0)) rmSync(outdir, { recursive: true, force: true });
};

export interface Synthesized {
  assembly: CloudAssembly;
  template: (stackName: string) => Template;
}

/** Synthesizes the app once (validation plugins such as cdk-nag run here and throw on findings). */
export const synthesize = (app: App): Synthesized => {
  const assembly = app.synth();
  return {
    assembly,
    template: (stackName) => Template.fromJSON(assembly.getStackByName(stackName).template),
  };
};

export type Resources = Record<
  string,
  { Type: string; Properties?: Record<string, unknown>; [key: string]: unknown }
>;

export const resourcesOf = (template: Template, type?: string): Resources => {
  const all = template.toJSON().Resources as Resources;
  return type
    ? Object.fromEntries(Object.entries(all).filter(([, resource]) => resource.Type === type))
    : all;
};

/** Every IAM policy statement of a template: managed, inline and role trust excluded. */
export const policyStatements = (template: Template): { owner: string; statement: Statement }[] => {
  const statements: { owner: string; statement: Statement }[] = [];
  for (const [id, resource] of Object.entries(resourcesOf(template))) {
    const props = resource.Properties ?? {};
    const documents: unknown[] = [];
    if (resource.Type === 'AWS::IAM::Policy' || resource.Type === 'AWS::IAM::ManagedPolicy') {
      documents.push(props.PolicyDocument);
    }
    if (resource.Type === 'AWS::IAM::Role' && Array.isArray(props.Policies)) {
      for (const policy of props.Policies as { PolicyDocument: unknown }[])
        documents.push(policy.PolicyDocument);
    }
    for (const document of documents) {
      for (const statement of (document as { Statement: Statement[] }).Statement) {
        statements.push({ owner: id, statement });
      }
    }
  }
  return statements;
};

export interface Statement {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource?: unknown;
  Condition?: unknown;
  Sid?: string;
}

export const list = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** The resources a template's resource refers to (Ref, Fn::GetAtt, DependsOn, Fn::Sub). */
export const dependenciesOf = (resources: Resources, id: string): Set<string> => {
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (!value || typeof value !== 'object') return;
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'Ref' && typeof inner === 'string' && inner in resources) found.add(inner);
      else if (key === 'Fn::GetAtt' && Array.isArray(inner) && typeof inner[0] === 'string')
        found.add(inner[0]);
      else if (key === 'Fn::Sub') {
        const text = Array.isArray(inner) ? inner[0] : inner;
        if (typeof text === 'string') {
          for (const match of text.matchAll(/\$\{([^}.!]+)/g)) {
            if (match[1] && match[1] in resources) found.add(match[1]);
          }
        }
        visit(inner);
      } else visit(inner);
    }
  };
  const resource = resources[id];
  visit(resource?.Properties);
  for (const dependency of list(resource?.DependsOn as string | string[] | undefined)) found.add(dependency);
  return found;
};

/** A dependency cycle between resources (CloudFormation would refuse the template), or null. */
export const findCycle = (resources: Resources): string[] | null => {
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (id: string): string[] | null => {
    if (state.get(id) === 'done') return null;
    if (state.get(id) === 'visiting') return [...path.slice(path.indexOf(id)), id];
    state.set(id, 'visiting');
    path.push(id);
    for (const dependency of dependenciesOf(resources, id)) {
      const cycle = visit(dependency);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(id, 'done');
    return null;
  };
  for (const id of Object.keys(resources)) {
    const cycle = visit(id);
    if (cycle) return cycle;
  }
  return null;
};

/** The properties of a resource, or a failure naming what was missing. */
export const propertiesOf = (resource: Resources[string] | undefined): Record<string, unknown> => {
  if (!resource?.Properties) throw new Error('expected a resource with properties');
  return resource.Properties;
};
