import { App, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { freshSynth } from './support';

type Violation = { ruleName: string; severity: string; violatingResources: Array<{ constructPath: string }> };

const findings = (violations: Violation[], severity: string): string[] =>
  violations
    .filter((v) => v.severity === severity)
    .flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath}`));

const modes = [
  { name: 'lean', context: {} },
  { name: 'lean with NAT', context: { natGateways: '1' } },
  { name: 'production', context: { profile: 'production' } },
  { name: 'production, custom domain, WAF', context: { profile: 'production', wafRateLimit: '2000', domainName: 'pulp.example.org', certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/x' } },
  { name: 'existing alarm topic', context: { alarmTopicArn: 'arn:aws:sns:us-east-1:123456789012:oncall' } },
];

describe.each(modes)('cdk-nag AwsSolutions ($name)', ({ context }) => {
  it('reports no unacknowledged error or warning', () => {
    // Prepare: synthesize first, so aspects have run as they do before validation.
    const { stack } = freshSynth(context);

    // Act
    const report = new AwsSolutionsChecks(stack).validateScope(stack);

    // Assess
    expect(findings(report.violations as Violation[], 'error')).toEqual([]);
    expect(findings(report.violations as Violation[], 'warning')).toEqual([]);
    expect(report.success).toBe(true);
    // cdk-nag 2 reported through annotations; kept so a regression to that path shows too.
    expect(Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
  });
});

describe('cdk-nag wiring', () => {
  it('fails synthesis of the whole app when a finding is not acknowledged (control)', () => {
    // Prepare: an app wired like infra/app.ts, holding one bucket that breaks S1/S10.
    const app = new App();
    const stack = new Stack(app, 'Control');
    new s3.Bucket(stack, 'Open');
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

    // Act
    const report = new AwsSolutionsChecks(stack).validateScope(stack);

    // Assess
    expect(report.violations.map((v) => v.ruleName)).toEqual(expect.arrayContaining(['AwsSolutions-S1', 'AwsSolutions-S10']));
    expect(() => app.synth()).toThrow();
  });

  it('lets the Pulp app synthesize with the plugin registered', () => {
    // Prepare
    const { app } = freshSynth();
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

    // Act / Assess
    expect(() => app.synth({ force: true })).not.toThrow();
  });
});
