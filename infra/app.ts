import { existsSync } from 'node:fs';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { configFromContext } from './config';
import { PulpStack } from './pulp-stack';

const app = new App();
const config = configFromContext((key) => app.node.tryGetContext(key));
const stackName = (app.node.tryGetContext('stackName') as string | undefined) ?? 'ServerlessPulp';

// `cdk synth` and `cdk deploy` bundle first (the build command in cdk.json); running this
// file some other way needs `npm run build` before it.
if (!existsSync(config.functionsDir)) {
  throw new Error(`No bundled functions in ${config.functionsDir}: run \`npm run build\` (cdk synth/deploy do it themselves)`);
}

new PulpStack(app, stackName, {
  config,
  description: `Serverless Pulp 3 (${config.profile}): API Gateway, Lambda, SQS FIFO, S3, CloudFront, DynamoDB, Aurora PostgreSQL`,
  // Set by the CLI from the active profile; unset means an environment-agnostic template.
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});

// cdk-nag 3 runs as a policy-validation plugin: any unacknowledged finding fails synth.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
