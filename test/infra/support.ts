import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { type Profile, configFromContext } from '../../infra/config';
import { PulpStack } from '../../infra/pulp-stack';

export const FUNCTION_NAMES = ['api', 'content', 'worker', 'migrate', 'sweeper'] as const;
export const PROFILES: readonly Profile[] = ['lean', 'production'];

/** A functionsDir with a stub bundle per function: template tests need no real code. */
export const stubFunctionsDir = (): string => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pulp-functions-'));
  for (const name of FUNCTION_NAMES) {
    mkdirSync(path.join(dir, name));
    writeFileSync(path.join(dir, name, 'index.mjs'), `export const handler = async () => '${name}';\n`);
  }
  return dir;
};

/** The feature flags `cdk synth` applies (cdk.json context), so tests see the deployed template. */
export const cdkJson = (): { build?: string; context: Record<string, unknown> } =>
  JSON.parse(readFileSync(path.join(import.meta.dirname, '../../cdk.json'), 'utf8'));

export interface Synthesized {
  readonly app: App;
  readonly stack: PulpStack;
  readonly template: Template;
}

type Env = { account: string; region: string };

/** Synthesizes the stack as app.ts would, from the given context values (a new app each call). */
export const freshSynth = (context: Record<string, unknown> = {}, env?: Env): Synthesized => {
  const app = new App({ context: cdkJson().context });
  const values: Record<string, unknown> = { functionsDir: stubFunctionsDir(), ...context };
  const config = configFromContext((key) => values[key]);
  const stack = new PulpStack(app, 'Pulp', { config, ...(env && { env }) });
  return { app, stack, template: Template.fromStack(stack) };
};

const cache = new Map<string, Synthesized>();

/** Like freshSynth, but one synthesis per distinct context in a test file: templates are read-only. */
export const synth = (context: Record<string, unknown> = {}, env?: Env): Synthesized => {
  const key = JSON.stringify([context, env]);
  let synthesized = cache.get(key);
  if (!synthesized) {
    synthesized = freshSynth(context, env);
    cache.set(key, synthesized);
  }
  return synthesized;
};

export type Resource = { Type: string; Properties?: Record<string, any>; DependsOn?: string[]; DeletionPolicy?: string };

/** Every resource of the template by logical id. */
export const resourcesOf = (template: Template): Record<string, Resource> => template.toJSON().Resources;

/** The logical ids of the resources of one type. */
export const idsOfType = (template: Template, type: string): string[] =>
  Object.entries(resourcesOf(template))
    .filter(([, r]) => r.Type === type)
    .map(([id]) => id);

/** The logical id of the single resource of type under the construct path prefix. */
export const logicalIdOf = (template: Template, type: string, pathPrefix: string): string => {
  const found = idsOfType(template, type).filter((id) => id.startsWith(pathPrefix));
  if (found.length !== 1) throw new Error(`expected one ${type} starting ${pathPrefix}, found ${found.length}`);
  return found[0]!;
};

/** The Lambda function resource whose logical id starts with the construct name. */
export const functionResource = (template: Template, construct: string): Record<string, any> => {
  const id = logicalIdOf(template, 'AWS::Lambda::Function', `${construct}Function`);
  return resourcesOf(template)[id]!.Properties!;
};

/** Every policy statement attached to the role of a construct's function. */
export const statementsOf = (template: Template, construct: string): Array<Record<string, any>> => {
  const roleId = logicalIdOf(template, 'AWS::IAM::Role', `${construct}FunctionServiceRole`);
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((p) => JSON.stringify(p.Properties.Roles).includes(`"${roleId}"`))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Array<Record<string, any>>);
};

/** The actions of a statement, always as a list. */
export const actionsOf = (statement: Record<string, any>): string[] => [statement.Action].flat();

/** Asserts that the bucket's policy holds an Allow statement with these fields. */
export const expectBucketPolicyAllows = (template: Template, bucketId: string, statement: Record<string, unknown>): void =>
  template.hasResourceProperties('AWS::S3::BucketPolicy', {
    Bucket: { Ref: bucketId },
    PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Allow', ...statement })]) },
  });
