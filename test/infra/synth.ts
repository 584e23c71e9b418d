import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { App, NestedStack, Stack } from 'aws-cdk-lib';
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

/**
 * Context that skips asset bundling in every stack: for a test that reads only templates of a
 * variant (a setting on), since `test/infra/stateless.test.ts` already bundles each handler once.
 * Function code is then a placeholder asset; nothing else of the template changes.
 */
export const withoutBundling = { 'aws:cdk:bundling-stacks': [] } as const;

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
  const nested = nestedTemplateFiles(app, assembly.directory);
  return {
    assembly,
    template: (stackName) =>
      Template.fromJSON(flattenNestedStacks(assembly.getStackByName(stackName).template, nested)),
  };
};

/** Each nested stack's template file, by the logical id of its resource in the parent. */
export const nestedTemplateFiles = (app: App, assemblyDirectory: string): Map<string, string> =>
  new Map(
    app.node
      .findAll()
      .filter((construct): construct is NestedStack => NestedStack.isNestedStack(construct))
      .map((stack) => {
        const resource = stack.nestedStackResource;
        if (!resource) throw new Error(`nested stack ${stack.node.path} without its resource`);
        const logicalId = Stack.of(resource).resolve(resource.logicalId) as string;
        return [logicalId, join(assemblyDirectory, stack.templateFile)] as const;
      }),
  );

interface TemplateJson {
  Resources: Resources;
  Parameters?: Record<string, unknown>;
  Outputs?: Record<string, { Value: unknown }>;
  [section: string]: unknown;
}

/** Replaces every `{Ref: name}` and `{Fn::GetAtt: [id, attribute]}` that `lookup` knows, deeply. */
const substitute = (value: unknown, lookup: (node: Record<string, unknown>) => unknown): unknown => {
  if (Array.isArray(value)) return value.map((item) => substitute(item, lookup));
  if (!value || typeof value !== 'object') return value;
  const replaced = lookup(value as Record<string, unknown>);
  if (replaced !== undefined) return replaced;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, substitute(inner, lookup)]));
};

/**
 * One template as if the nested stacks' resources were the parent's own: each nested
 * template's parameters are replaced by what the parent passes (a `Ref` to the parent's
 * resource, say), and each `Fn::GetAtt [nested, Outputs.X]` of the parent by the output's
 * value, so the assertions read references and grants the same wherever a resource lives. The
 * nested stack resources stay (counted as resources). A logical id used twice fails loudly.
 */
export const flattenNestedStacks = (
  template: unknown,
  nestedFiles: ReadonlyMap<string, string>,
): TemplateJson => {
  const parent = structuredClone(template) as TemplateJson;
  const nested = Object.entries(parent.Resources).filter(
    ([, resource]) => resource.Type === 'AWS::CloudFormation::Stack',
  );
  const outputs = new Map<string, Record<string, unknown>>();
  const merged: Resources = {};
  for (const [nestedId, resource] of nested) {
    const file = nestedFiles.get(nestedId);
    if (!file) throw new Error(`nested stack ${nestedId} without its template file`);
    const child = flattenNestedStacks(JSON.parse(readFileSync(file, 'utf8')), nestedFiles);
    const passed = (resource.Properties?.Parameters ?? {}) as Record<string, unknown>;
    const fromParent = (node: Record<string, unknown>) => {
      const ref = node.Ref;
      return typeof ref === 'string' && ref in passed && Object.keys(node).length === 1
        ? passed[ref]
        : undefined;
    };
    const resources = substitute(child.Resources, fromParent) as Resources;
    for (const [id, inner] of Object.entries(resources)) {
      if (id in parent.Resources || id in merged) throw new Error(`logical id ${id} is used twice`);
      merged[id] = inner;
    }
    outputs.set(
      nestedId,
      Object.fromEntries(
        Object.entries(child.Outputs ?? {}).map(([name, output]) => [
          `Outputs.${name}`,
          substitute(output.Value, fromParent),
        ]),
      ),
    );
  }
  const fromNested = (node: Record<string, unknown>) => {
    const getAtt = node['Fn::GetAtt'];
    if (!Array.isArray(getAtt) || Object.keys(node).length !== 1) return undefined;
    const [id, attribute] = getAtt as [string, string];
    return outputs.get(id)?.[attribute];
  };
  return {
    ...parent,
    Resources: { ...(substitute(parent.Resources, fromNested) as Resources), ...merged },
  };
};

/** The resource count of each template of a stack: the stack's own and each nested stack's. */
export const templateSizes = (
  template: unknown,
  nestedFiles: ReadonlyMap<string, string>,
  name = 'parent',
): Map<string, number> => {
  const sizes = new Map<string, number>();
  const resources = (template as TemplateJson).Resources;
  sizes.set(name, Object.keys(resources).length);
  for (const [id, resource] of Object.entries(resources)) {
    if (resource.Type !== 'AWS::CloudFormation::Stack') continue;
    const file = nestedFiles.get(id);
    if (!file) throw new Error(`nested stack ${id} without its template file`);
    const child = JSON.parse(readFileSync(file, 'utf8'));
    for (const [inner, size] of templateSizes(child, nestedFiles, id)) sizes.set(inner, size);
  }
  return sizes;
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
