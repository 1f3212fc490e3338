import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { THRESHOLDS, estimatedMaxConnections, workerDurationThresholdMs } from '../../infra/constructs/monitoring';
import { safetyMarginMs } from '../../functions/worker/safety-margin';
import { type Synthesized, functionResource, idsOfType, logicalIdOf, resourcesOf, synth } from './support';

type Alarm = Record<string, any>;

const alarmsOf = ({ template }: Synthesized): Record<string, Alarm> =>
  Object.fromEntries(idsOfType(template, 'AWS::CloudWatch::Alarm').map((id) => [id, resourcesOf(template)[id]!.Properties!]));

const alarmIn = (alarms: Record<string, Alarm>, prefix: string): Alarm => {
  const found = Object.entries(alarms).filter(([id]) => id.startsWith(`Monitoring${prefix}`));
  if (found.length !== 1) throw new Error(`expected one alarm ${prefix}, found ${found.length}`);
  return found[0]![1];
};

/** The metric names an alarm reads, directly or through metric math. */
const metricNames = (a: Alarm): string[] =>
  a.MetricName ? [a.MetricName] : (a.Metrics as Alarm[]).filter((m) => m.MetricStat).map((m) => m.MetricStat.Metric.MetricName);

describe.each([
  { profile: 'lean', maxAcu: 4, alarmCount: 27 },
  { profile: 'production', maxAcu: 16, alarmCount: 28 },
])('monitoring ($profile)', ({ profile, maxAcu, alarmCount }) => {
  const alarms = (): Record<string, Alarm> => alarmsOf(synth({ profile, alarmEmail: 'oncall@example.org' }));
  const alarm = (prefix: string): Alarm => alarmIn(alarms(), prefix);

  it.each([
    { id: 'Api5xxRate', metrics: ['5xx', 'Count'], threshold: 5, op: 'GreaterThanThreshold' },
    { id: 'ApiLatencyP99', metrics: ['Latency'], threshold: 10_000, op: 'GreaterThanThreshold' },
    { id: 'TaskQueueAge', metrics: ['ApproximateAgeOfOldestMessage'], threshold: 3600, op: 'GreaterThanThreshold' },
    { id: 'AuroraCpu', metrics: ['CPUUtilization'], threshold: 80, op: 'GreaterThanThreshold' },
    { id: 'AuroraConnections', metrics: ['DatabaseConnections'], threshold: Math.floor(estimatedMaxConnections(maxAcu) * 0.8), op: 'GreaterThanThreshold' },
    { id: 'AuroraAtMaxCapacity', metrics: ['ServerlessDatabaseCapacity'], threshold: maxAcu, op: 'GreaterThanOrEqualToThreshold' },
    { id: 'CloudFront5xxRate', metrics: ['5xxErrorRate'], threshold: 1, op: 'GreaterThanThreshold' },
    { id: 'CanaryFailing', metrics: ['Errors'], threshold: 1, op: 'GreaterThanOrEqualToThreshold' },
  ])('alarms on $id ($metrics $op $threshold)', ({ id, metrics, threshold, op }) => {
    // Act
    const a = alarm(id);

    // Assess
    expect(metricNames(a).sort()).toEqual([...metrics].sort());
    expect(a.Threshold).toBe(threshold);
    expect(a.ComparisonOperator).toBe(op);
    expect(a.TreatMissingData).toBe('notBreaching');
  });

  it.each(['Api', 'Content', 'Worker', 'Fetcher', 'Sweeper'])('alarms on %s errors (rate), throttles and p99 duration', (name) => {
    // Prepare
    const { template } = synth({ profile, alarmEmail: 'oncall@example.org' });
    const fnId = logicalIdOf(template, 'AWS::Lambda::Function', `${name}Function`);

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
  });

  it.each(['Api', 'Content', 'Sweeper'])('alarms when %s p99 duration passes 80% of its timeout', (name) => {
    // Prepare
    const timeoutMs = functionResource(synth({ profile, alarmEmail: 'oncall@example.org' }).template, name).Timeout * 1000;

    // Act / Assess
    expect(alarm(`${name}DurationP99`).Threshold).toBe(Math.round(timeoutMs * 0.8));
  });

  it('lets the worker checkpoint as designed: alarms only past half its safety margin', () => {
    // Prepare
    const timeoutSeconds = functionResource(synth({ profile, alarmEmail: 'oncall@example.org' }).template, 'Worker').Timeout as number;
    const designedEndMs = timeoutSeconds * 1000 - safetyMarginMs(timeoutSeconds);

    // Act
    const threshold = alarm('WorkerDurationP99').Threshold as number;

    // Assess
    expect(threshold).toBe(workerDurationThresholdMs(timeoutSeconds));
    expect(threshold).toBeGreaterThan(designedEndMs);
    expect(threshold).toBeLessThan(timeoutSeconds * 1000);
  });

  it.each([
    { id: 'TasksDeadLettered', metric: 'tasks_dead_lettered', shape: [1, 1] },
    { id: 'TaskGroupsStuck', metric: 'task_groups_stuck', shape: [3, 2] },
  ])('alarms on the sweeper\'s own count $metric (the sweeper drains the DLQ)', ({ id, metric, shape }) => {
    // Act
    const a = alarm(id);

    // Assess
    expect(a.Namespace).toBe('ServerlessPulp');
    expect(a.MetricName).toBe(metric);
    expect(a.Dimensions).toEqual([{ Name: 'service', Value: 'pulp-sweeper' }]);
    expect(a.Threshold).toBe(0);
    expect(a.ComparisonOperator).toBe('GreaterThanThreshold');
    expect([a.EvaluationPeriods, a.DatapointsToAlarm]).toEqual(shape);
  });

  it('alarms when the sweeper has not run for 10 minutes, counting silence as failure', () => {
    // Prepare
    const sweeperId = logicalIdOf(synth({ profile, alarmEmail: 'oncall@example.org' }).template, 'AWS::Lambda::Function', 'SweeperFunction');

    // Act
    const a = alarm('SweeperNotRunning');

    // Assess
    expect(a).toMatchObject({
      MetricName: 'Invocations',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: sweeperId } }],
      Statistic: 'Sum',
      ComparisonOperator: 'LessThanThreshold',
      Threshold: 1,
      TreatMissingData: 'breaching',
    });
    expect(a.Period * a.EvaluationPeriods).toBe(THRESHOLDS.sweeperSilentMinutes * 60);
    expect(a.DatapointsToAlarm).toBe(a.EvaluationPeriods);
  });

  it('alarms when Aurora sits at max ACU for 15 minutes (the lowest reading of each period)', () => {
    // Act
    const a = alarm('AuroraAtMaxCapacity');

    // Assess
    expect(a.Statistic).toBe('Minimum');
    expect(a.Period * a.DatapointsToAlarm).toBe(THRESHOLDS.auroraMaxCapacityMinutes * 60);
    expect(a.Dimensions).toEqual(expect.arrayContaining([{ Name: 'Role', Value: 'WRITER' }]));
  });

  it('reads Aurora metrics for the writer role', () => {
    // Act / Assess
    expect(alarm('AuroraCpu').Dimensions).toEqual(expect.arrayContaining([{ Name: 'Role', Value: 'WRITER' }]));
  });

  it('sends every alarm and its recovery to the encrypted alarm topic, with e-mail', () => {
    // Prepare
    const { template } = synth({ profile, alarmEmail: 'oncall@example.org' });
    const topicId = logicalIdOf(template, 'AWS::SNS::Topic', 'MonitoringAlarmTopic');

    // Act
    const all = Object.values(alarms());

    // Assess
    expect(all).toHaveLength(alarmCount);
    for (const a of all) {
      expect(a.AlarmActions).toEqual([{ Ref: topicId }]);
      expect(a.OKActions).toEqual([{ Ref: topicId }]);
    }
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'oncall@example.org' });
    template.hasOutput('AlarmTopicArn', { Value: { Ref: topicId } });
  });

  it('removes the topic key with a lean stack and keeps it in production', () => {
    // Prepare
    const { template } = synth({ profile, alarmEmail: 'oncall@example.org' });

    // Act
    const key = resourcesOf(template)[logicalIdOf(template, 'AWS::KMS::Key', 'MonitoringAlarmTopicKey')]!;

    // Assess
    expect(key.DeletionPolicy).toBe(profile === 'production' ? 'Retain' : 'Delete');
    expect(key.Properties!.PendingWindowInDays).toBe(7);
  });

  it('draws a dashboard', () => {
    // Act
    const { template } = synth({ profile, alarmEmail: 'oncall@example.org' });

    // Assess
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    template.hasOutput('DashboardName', Match.anyValue());
  });
});

describe('RDS Proxy auth failures', () => {
  it('alarm in production, on the proxy by name', () => {
    // Prepare
    const synthesized = synth({ profile: 'production' });
    const proxyId = logicalIdOf(synthesized.template, 'AWS::RDS::DBProxy', 'DatabaseClusterProxy');

    // Act
    const a = alarmIn(alarmsOf(synthesized), 'ProxyAuthFailures');

    // Assess
    expect(a).toMatchObject({
      Namespace: 'AWS/RDS',
      MetricName: 'ClientConnectionsSetupFailedAuth',
      Dimensions: [{ Name: 'ProxyName', Value: { Ref: proxyId } }],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  it('has nothing to watch in lean', () => {
    // Act
    const ids = Object.keys(alarmsOf(synth({ profile: 'lean' })));

    // Assess
    expect(ids.some((id) => id.startsWith('MonitoringProxyAuthFailures'))).toBe(false);
  });
});

describe.each([
  { profile: 'lean', rate: 'rate(1 hour)', probesApi: false },
  { profile: 'production', rate: 'rate(5 minutes)', probesApi: true },
])('canary ($profile)', ({ profile, rate, probesApi }) => {
  it(`probes ${probesApi ? 'the API status and ' : ''}content from outside the VPC, ${rate}`, () => {
    // Prepare
    const { template } = synth({ profile });
    const fnId = logicalIdOf(template, 'AWS::Lambda::Function', 'CanaryFunction');

    // Act
    const fn = functionResource(template, 'Canary');
    const rule = resourcesOf(template)[logicalIdOf(template, 'AWS::Events::Rule', 'CanarySchedule')]!.Properties!;

    // Assess
    expect(rule.ScheduleExpression).toBe(rate);
    expect(rule.Targets[0].Arn).toEqual({ 'Fn::GetAtt': [fnId, 'Arn'] });
    expect(fn.VpcConfig).toBeUndefined();
    expect(fn.Code.ZipFile).toContain('/pulp/api/v3/status/');
    expect(fn.Code.ZipFile).toContain("'HEAD'");
    // Every API request reaches Postgres: lean leaves Aurora to pause.
    expect(Object.keys(fn.Environment.Variables).sort()).toEqual(probesApi ? ['API_URL', 'CONTENT_URL'] : ['CONTENT_URL']);
    template.resourceCountIs('AWS::Synthetics::Canary', 0);
  });
});

describe('monitoring shape', () => {
  it('evaluates 2 of 3 periods, except the alarms whose meaning needs another shape', () => {
    // Prepare
    const special: Record<string, [number, number]> = {
      TasksDeadLettered: [1, 1],
      DownloadDlqArrivals: [1, 1],
      SweeperNotRunning: [2, 2],
      AuroraAtMaxCapacity: [3, 3],
    };

    // Act
    const shapes = Object.entries(alarmsOf(synth({ profile: 'production' }))).map(([id, a]) => ({ id, n: a.EvaluationPeriods, m: a.DatapointsToAlarm }));

    // Assess
    for (const { id, n, m } of shapes) {
      const name = Object.keys(special).find((s) => id.startsWith(`Monitoring${s}`));
      expect({ id, n, m }).toEqual({ id, n: name ? special[name]![0] : 3, m: name ? special[name]![1] : 2 });
    }
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
    template.resourceCountIs('AWS::KMS::Key', 0);
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
