import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { THRESHOLDS, estimatedMaxConnections } from '../../infra/constructs/monitoring';
import { type Synthesized, logicalIdOf, synth } from './support';

type Alarm = Record<string, any>;

describe('monitoring', () => {
  let synthesized: Synthesized;
  let alarms: Record<string, Alarm>;

  beforeAll(() => {
    // Prepare
    synthesized = synth({ alarmEmail: 'oncall@example.org' });
    alarms = Object.fromEntries(
      Object.entries(synthesized.template.findResources('AWS::CloudWatch::Alarm')).map(([id, r]) => [id, r.Properties]),
    );
  });

  const alarm = (prefix: string): Alarm => {
    const found = Object.entries(alarms).filter(([id]) => id.startsWith(`Monitoring${prefix}`));
    if (found.length !== 1) throw new Error(`expected one alarm ${prefix}, found ${found.length}`);
    return found[0]![1];
  };
  /** The metric names an alarm reads, directly or through metric math. */
  const metricNames = (a: Alarm): string[] =>
    a.MetricName ? [a.MetricName] : (a.Metrics as Alarm[]).filter((m) => m.MetricStat).map((m) => m.MetricStat.Metric.MetricName);

  it.each([
    { id: 'Api5xxRate', metrics: ['5xx', 'Count'], threshold: 5, op: 'GreaterThanThreshold' },
    { id: 'ApiLatencyP99', metrics: ['Latency'], threshold: 10_000, op: 'GreaterThanThreshold' },
    { id: 'TaskQueueAge', metrics: ['ApproximateAgeOfOldestMessage'], threshold: 3600, op: 'GreaterThanThreshold' },
    { id: 'TaskDlqNotEmpty', metrics: ['ApproximateNumberOfMessagesVisible'], threshold: 0, op: 'GreaterThanThreshold' },
    { id: 'DownloadDlqNotEmpty', metrics: ['ApproximateNumberOfMessagesVisible'], threshold: 0, op: 'GreaterThanThreshold' },
    { id: 'AuroraCpu', metrics: ['CPUUtilization'], threshold: 80, op: 'GreaterThanThreshold' },
    { id: 'AuroraConnections', metrics: ['DatabaseConnections'], threshold: Math.floor(estimatedMaxConnections(4) * 0.8), op: 'GreaterThanThreshold' },
    { id: 'CloudFront5xxRate', metrics: ['5xxErrorRate'], threshold: 1, op: 'GreaterThanThreshold' },
    { id: 'CanaryFailing', metrics: ['SuccessPercent'], threshold: 90, op: 'LessThanThreshold' },
  ])('alarms on $id ($metrics $op $threshold)', ({ id, metrics, threshold, op }) => {
    // Act
    const a = alarm(id);

    // Assess
    expect(metricNames(a).sort()).toEqual([...metrics].sort());
    expect(a.Threshold).toBe(threshold);
    expect(a.ComparisonOperator).toBe(op);
    expect(a.TreatMissingData).toBe('notBreaching');
  });

  it.each(['Api', 'Content', 'Worker', 'Sweeper'])('alarms on %s errors (rate), throttles and p99 duration', (name) => {
    // Prepare
    const fnId = logicalIdOf(synthesized.template, 'AWS::Lambda::Function', `${name}Function`);
    const timeoutMs = synthesized.template.toJSON().Resources[fnId].Properties.Timeout * 1000;

    // Act
    const errors = alarm(`${name}ErrorRate`);
    const throttles = alarm(`${name}Throttles`);
    const duration = alarm(`${name}DurationP99`);

    // Assess
    expect(metricNames(errors).sort()).toEqual(['Errors', 'Invocations']);
    expect(errors.Threshold).toBe(THRESHOLDS.lambdaErrorPercent);
    expect(throttles.MetricName).toBe('Throttles');
    expect(throttles.Dimensions).toEqual([{ Name: 'FunctionName', Value: { Ref: fnId } }]);
    expect(throttles.Threshold).toBe(1);
    expect(throttles.ComparisonOperator).toBe('GreaterThanOrEqualToThreshold');
    expect(duration.ExtendedStatistic).toBe('p99');
    expect(duration.Threshold).toBe(Math.round(timeoutMs * 0.8));
  });

  it('reads Aurora metrics for the writer role', () => {
    // Act / Assess
    expect(alarm('AuroraCpu').Dimensions).toEqual(
      expect.arrayContaining([{ Name: 'Role', Value: 'WRITER' }]),
    );
  });

  it('evaluates 2 of 3 one-minute periods, except a DLQ that alarms at once', () => {
    // Act
    const shapes = Object.entries(alarms).map(([id, a]) => ({ id, n: a.EvaluationPeriods, m: a.DatapointsToAlarm }));

    // Assess
    for (const { id, n, m } of shapes) {
      expect({ id, n, m }).toEqual(id.includes('NotEmpty') ? { id, n: 1, m: 1 } : { id, n: 3, m: 2 });
    }
  });

  it('sends every alarm and its recovery to the encrypted alarm topic, with e-mail', () => {
    // Prepare
    const topicId = logicalIdOf(synthesized.template, 'AWS::SNS::Topic', 'MonitoringAlarmTopic');

    // Act
    const all = Object.values(alarms);

    // Assess
    expect(all.length).toBeGreaterThanOrEqual(21);
    for (const a of all) {
      expect(a.AlarmActions).toEqual([{ Ref: topicId }]);
      expect(a.OKActions).toEqual([{ Ref: topicId }]);
    }
    synthesized.template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    synthesized.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'oncall@example.org' });
  });

  it('checks status and content every 5 minutes with a canary', () => {
    // Act
    const [canary] = Object.values(synthesized.template.findResources('AWS::Synthetics::Canary'));
    const props = canary!.Properties;

    // Assess
    expect(props.Schedule.Expression).toBe('rate(5 minutes)');
    expect(props.RuntimeVersion).toMatch(/^syn-nodejs-/);
    expect(props.Code.Script).toContain('/pulp/api/v3/status/');
    expect(props.Code.Script).toContain("'HEAD'");
    expect(Object.keys(props.RunConfig.EnvironmentVariables).sort()).toEqual(['API_URL', 'CONTENT_URL']);
  });

  it('draws a dashboard', () => {
    // Act / Assess
    synthesized.template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    synthesized.template.hasOutput('DashboardName', Match.anyValue());
  });
});

describe('monitoring with an existing topic', () => {
  it('uses the given topic and creates none', () => {
    // Prepare
    const topicArn = 'arn:aws:sns:us-east-1:123456789012:oncall';

    // Act
    const { template } = synth({ alarmTopicArn: topicArn });

    // Assess
    template.resourceCountIs('AWS::SNS::Topic', 0);
    for (const a of Object.values(template.findResources('AWS::CloudWatch::Alarm'))) {
      expect(a.Properties.AlarmActions).toEqual([topicArn]);
    }
  });
});

describe('monitoring outside us-east-1', () => {
  it('skips the CloudFront alarm (its metrics live in us-east-1) but keeps the rest', () => {
    // Prepare / Act
    const { template } = synth({}, { account: '123456789012', region: 'eu-west-1' });
    const ids = Object.keys(template.findResources('AWS::CloudWatch::Alarm'));

    // Assess
    expect(ids.some((id) => id.startsWith('MonitoringCloudFront5xxRate'))).toBe(false);
    expect(ids.some((id) => id.startsWith('MonitoringApi5xxRate'))).toBe(true);
  });
});
