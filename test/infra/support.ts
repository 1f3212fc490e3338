import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { configFromContext } from '../../infra/config';
import { PulpStack } from '../../infra/pulp-stack';

export const FUNCTION_NAMES = ['api', 'content', 'worker', 'migrate', 'sweeper'] as const;

/** A functionsDir with a stub bundle per function: template tests need no real code. */
export const stubFunctionsDir = (): string => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pulp-functions-'));
  for (const name of FUNCTION_NAMES) {
    mkdirSync(path.join(dir, name));
    writeFileSync(path.join(dir, name, 'index.mjs'), `export const handler = async () => '${name}';\n`);
  }
  return dir;
};

export interface Synthesized {
  readonly app: App;
  readonly stack: PulpStack;
  readonly template: Template;
}

/** Synthesizes the stack as app.ts would, from the given context values. */
export const synth = (context: Record<string, unknown> = {}, env?: { account: string; region: string }): Synthesized => {
  const app = new App();
  const values: Record<string, unknown> = { functionsDir: stubFunctionsDir(), ...context };
  const config = configFromContext((key) => values[key]);
  const stack = new PulpStack(app, 'Pulp', { config, ...(env && { env }) });
  return { app, stack, template: Template.fromStack(stack) };
};

type Resources = Record<string, { Type: string; Properties?: Record<string, any>; DependsOn?: string[] }>;

/** The logical id of the single resource of type under the construct path prefix. */
export const logicalIdOf = (template: Template, type: string, pathPrefix: string): string => {
  const found = Object.entries(template.toJSON().Resources as Resources).filter(
    ([id, r]) => r.Type === type && id.startsWith(pathPrefix),
  );
  if (found.length !== 1) throw new Error(`expected one ${type} starting ${pathPrefix}, found ${found.length}`);
  return found[0]![0];
};

/** The Lambda function resource whose logical id starts with the construct name. */
export const functionResource = (template: Template, construct: string): Record<string, any> => {
  const id = logicalIdOf(template, 'AWS::Lambda::Function', `${construct}Function`);
  return (template.toJSON().Resources as Resources)[id]!.Properties!;
};
