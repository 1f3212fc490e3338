import { Annotations, Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as rds from 'aws-cdk-lib/aws-rds';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { safetyMarginMs } from '../../functions/worker/safety-margin';
import { METRICS_NAMESPACE } from './pulp-function';

export interface MonitoringProps {
  readonly httpApi: apigwv2.HttpApi;
  /** Functions to watch, by short name; the sweeper is also watched for running at all. */
  readonly functions: { api: lambda.Function; content: lambda.Function; worker: lambda.Function; fetcher: lambda.Function; sweeper: lambda.Function };
  readonly workerTimeoutSeconds: number;
  readonly taskQueue: sqs.IQueue;
  /** Downloads every retry failed (the sync already failed with the reason). */
  readonly downloadDlq: sqs.IQueue;
  readonly cluster: rds.DatabaseCluster;
  readonly proxy?: rds.DatabaseProxy;
  readonly maxAcu: number;
  readonly distribution: cloudfront.IDistribution;
  readonly canary: lambda.Function;
  readonly canaryIntervalMinutes: number;
  readonly taskAgeAlarmSeconds: number;
  readonly production: boolean;
  readonly alarmEmail?: string;
  readonly alarmTopicArn?: string;
}

/** Thresholds in one place, so tests and the runbook can quote them. */
export const THRESHOLDS = {
  apiServerErrorPercent: 5,
  apiLatencyP99Ms: 10_000,
  lambdaErrorPercent: 5,
  lambdaThrottles: 1,
  /** p99 duration as a share of the function timeout. */
  lambdaDurationShare: 0.8,
  auroraCpuPercent: 80,
  /** Share of the estimated max_connections at max ACU. */
  auroraConnectionShare: 0.8,
  cloudFrontServerErrorPercent: 1,
  /** Minutes the writer may sit at max ACU before someone should raise maxAcu or look why. */
  auroraMaxCapacityMinutes: 15,
  /** Minutes without a sweeper run before tasks of dead invocations go unnoticed. */
  sweeperSilentMinutes: 10,
} as const;

/**
 * A worker run that checkpoints as designed ends about safetyMargin before its timeout; one
 * that runs past half the margin failed to checkpoint and is about to be killed.
 */
export const workerDurationThresholdMs = (timeoutSeconds: number): number =>
  timeoutSeconds * 1000 - safetyMarginMs(timeoutSeconds) / 2;

/**
 * Aurora PostgreSQL sets max_connections to LEAST(memory / 9531392, 5000); an ACU is about
 * 2 GiB, so roughly 225 per ACU, rounded down to 200 for the memory the OS keeps (estimate).
 */
export const estimatedMaxConnections = (maxAcu: number): number => Math.min(5000, Math.floor(maxAcu * 200));

const MINUTE = Duration.minutes(1);

/** Alarms (to one SNS topic) and a dashboard over every part of the deployment. */
export class Monitoring extends Construct {
  readonly topic: sns.ITopic;
  readonly dashboard: cloudwatch.Dashboard;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.topic = props.alarmTopicArn
      ? sns.Topic.fromTopicArn(this, 'AlarmTopic', props.alarmTopicArn)
      : this.createTopic(props.production);
    if (props.alarmEmail) this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.hours(3),
    });

    this.watchApi(props.httpApi);
    for (const [name, fn] of Object.entries(props.functions)) {
      const durationThresholdMs =
        name === 'worker' ? workerDurationThresholdMs(props.workerTimeoutSeconds) : undefined;
      this.watchFunction(name, fn, durationThresholdMs);
    }
    this.watchSweeperRuns(props.functions.sweeper);
    this.watchQueues(props);
    this.watchAurora(props.cluster, props.maxAcu);
    if (props.proxy) this.watchProxy(props.proxy);
    this.watchCloudFront(props.distribution);
    this.watchCanary(props.canary, props.canaryIntervalMinutes);
  }

  /** CloudWatch needs a customer-managed key it may use to publish to an encrypted topic. */
  private createTopic(production: boolean): sns.Topic {
    const key = new kms.Key(this, 'AlarmTopicKey', {
      description: 'Encrypts the Pulp alarm topic',
      enableKeyRotation: true,
      // A key outlives its stack by default and bills $1 a month for nothing.
      removalPolicy: production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    return new sns.Topic(this, 'AlarmTopic', { displayName: 'Pulp alarms', masterKey: key, enforceSSL: true });
  }

  private alarm(
    id: string,
    description: string,
    props: Omit<cloudwatch.AlarmProps, 'evaluationPeriods'> & { evaluationPeriods?: number },
  ): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this, id, {
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
      ...props,
    });
    alarm.addAlarmAction(new actions.SnsAction(this.topic));
    alarm.addOkAction(new actions.SnsAction(this.topic));
    this.alarms.push(alarm);
    return alarm;
  }

  private watchApi(api: apigwv2.HttpApi): void {
    const count = api.metricCount({ period: MINUTE, statistic: 'Sum' });
    const errors = api.metricServerError({ period: MINUTE, statistic: 'Sum' });
    const errorRate = new cloudwatch.MathExpression({
      expression: '100 * errors / count',
      usingMetrics: { errors, count },
      period: MINUTE,
      label: 'API 5xx %',
    });
    const latency = api.metricLatency({ period: MINUTE, statistic: 'p99' });
    this.alarm('Api5xxRate', 'API answers 5xx to more than 5% of requests', {
      metric: errorRate,
      threshold: THRESHOLDS.apiServerErrorPercent,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    });
    this.alarm('ApiLatencyP99', 'API p99 latency above 10 s (requests time out at 30 s)', {
      metric: latency,
      threshold: THRESHOLDS.apiLatencyP99Ms,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    });
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({ title: 'API requests and 5xx', left: [count, errors], right: [errorRate] }),
      new cloudwatch.GraphWidget({ title: 'API latency p99', left: [latency] }),
    );
  }

  private watchFunction(name: string, fn: lambda.Function, durationThresholdMs?: number): void {
    const invocations = fn.metricInvocations({ period: MINUTE, statistic: 'Sum' });
    const errors = fn.metricErrors({ period: MINUTE, statistic: 'Sum' });
    const throttles = fn.metricThrottles({ period: MINUTE, statistic: 'Sum' });
    const duration = fn.metricDuration({ period: MINUTE, statistic: 'p99' });
    const errorRate = new cloudwatch.MathExpression({
      expression: '100 * errors / invocations',
      usingMetrics: { errors, invocations },
      period: MINUTE,
      label: `${name} errors %`,
    });
    const id = name.charAt(0).toUpperCase() + name.slice(1);
    this.alarm(`${id}ErrorRate`, `${name} function fails more than 5% of invocations`, {
      metric: errorRate,
      threshold: THRESHOLDS.lambdaErrorPercent,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    });
    this.alarm(`${id}Throttles`, `${name} function is throttled`, {
      metric: throttles,
      threshold: THRESHOLDS.lambdaThrottles,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });
    const timeoutMs = fn.timeout?.toMilliseconds();
    if (timeoutMs !== undefined) {
      const threshold = durationThresholdMs ?? Math.round(timeoutMs * THRESHOLDS.lambdaDurationShare);
      this.alarm(`${id}DurationP99`, `${name} p99 duration above ${threshold} ms (timeout ${timeoutMs} ms)`, {
        metric: duration,
        threshold,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      });
    }
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: `${name} function`,
        left: [invocations, errors, throttles],
        right: [duration],
      }),
    );
  }

  /** No invocations at all (missing data counts): the schedule or the function is broken. */
  private watchSweeperRuns(sweeper: lambda.Function): void {
    const period = Duration.minutes(5);
    const periods = THRESHOLDS.sweeperSilentMinutes / 5;
    this.alarm('SweeperNotRunning', `sweeper did not run for ${THRESHOLDS.sweeperSilentMinutes} minutes`, {
      metric: sweeper.metricInvocations({ period, statistic: 'Sum' }),
      threshold: 1,
      evaluationPeriods: periods,
      datapointsToAlarm: periods,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });
  }

  /** A count the sweeper emits each run (EMF, Powertools' default `service` dimension). */
  private sweeperMetric(metricName: string): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: METRICS_NAMESPACE,
      metricName,
      dimensionsMap: { service: 'pulp-sweeper' },
      period: MINUTE,
      statistic: 'Sum',
    });
  }

  private watchQueues(props: MonitoringProps): void {
    const age = props.taskQueue.metricApproximateAgeOfOldestMessage({ period: MINUTE, statistic: 'Maximum' });
    this.alarm('TaskQueueAge', `oldest task message older than ${props.taskAgeAlarmSeconds} s`, {
      metric: age,
      threshold: props.taskAgeAlarmSeconds,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    });
    // The sweeper drains the DLQ (failing the task a message names), so its own count of dead
    // messages is the signal; the queue's visible count may be back to 0 before CloudWatch looks.
    const deadLettered = this.sweeperMetric('tasks_dead_lettered');
    this.alarm('TasksDeadLettered', 'a task message reached the DLQ (its task failed every retry)', {
      metric: deadLettered,
      threshold: 0,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    });
    // A repository whose first waiting task nobody picks up, sweep after sweep.
    const stuckGroups = this.sweeperMetric('task_groups_stuck');
    this.alarm('TaskGroupsStuck', 'a resource has had waiting tasks and none running for several minutes', {
      metric: stuckGroups,
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    });
    const downloads = props.downloadDlq.metricApproximateNumberOfMessagesVisible({ period: MINUTE, statistic: 'Maximum' });
    const downloadArrivals = new cloudwatch.MathExpression({
      expression: 'DIFF(downloads)',
      usingMetrics: { downloads },
      period: MINUTE,
      label: 'Download DLQ new messages',
    });
    this.alarm('DownloadDlqArrivals', 'a download reached the DLQ (every fetch of a file failed)', {
      metric: downloadArrivals,
      threshold: 0,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    });
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({ title: 'Oldest task message (s)', left: [age] }),
      new cloudwatch.GraphWidget({ title: 'Tasks dead-lettered, groups stuck', left: [deadLettered, stuckGroups] }),
      new cloudwatch.GraphWidget({ title: 'Download DLQ messages', left: [downloads], right: [downloadArrivals] }),
    );
  }

  private watchAurora(cluster: rds.DatabaseCluster, maxAcu: number): void {
    // Role=WRITER follows the writer across failovers, per the Aurora alarm guidance.
    const writer = (metricName: string, statistic: string): cloudwatch.Metric =>
      new cloudwatch.Metric({
        namespace: 'AWS/RDS',
        metricName,
        dimensionsMap: { DBClusterIdentifier: cluster.clusterIdentifier, Role: 'WRITER' },
        period: MINUTE,
        statistic,
      });
    const cpu = writer('CPUUtilization', 'Average');
    const connections = writer('DatabaseConnections', 'Maximum');
    const acu = writer('ACUUtilization', 'Average');
    const capacity = new cloudwatch.Metric({
      namespace: 'AWS/RDS',
      metricName: 'ServerlessDatabaseCapacity',
      dimensionsMap: { DBClusterIdentifier: cluster.clusterIdentifier, Role: 'WRITER' },
      period: Duration.minutes(5),
      statistic: 'Minimum',
    });
    // Pinned: even the lowest capacity of each 5 minutes is the maximum.
    const pinnedPeriods = THRESHOLDS.auroraMaxCapacityMinutes / 5;
    this.alarm('AuroraAtMaxCapacity', `Aurora writer pinned at max ${maxAcu} ACU for ${THRESHOLDS.auroraMaxCapacityMinutes} minutes`, {
      metric: capacity,
      threshold: maxAcu,
      evaluationPeriods: pinnedPeriods,
      datapointsToAlarm: pinnedPeriods,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });
    this.alarm('AuroraCpu', 'Aurora writer CPU above 80%', {
      metric: cpu,
      threshold: THRESHOLDS.auroraCpuPercent,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    });
    const maxConnections = estimatedMaxConnections(maxAcu);
    this.alarm('AuroraConnections', `Aurora writer connections above 80% of ~${maxConnections}`, {
      metric: connections,
      threshold: Math.floor(maxConnections * THRESHOLDS.auroraConnectionShare),
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    });
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({ title: 'Aurora writer', left: [cpu, acu], right: [connections, capacity] }),
    );
  }

  /** A client the proxy turns away: a role without rds_iam, a missing grant, a wrong user. */
  private watchProxy(proxy: rds.DatabaseProxy): void {
    const failedAuth = new cloudwatch.Metric({
      namespace: 'AWS/RDS',
      metricName: 'ClientConnectionsSetupFailedAuth',
      dimensionsMap: { ProxyName: proxy.dbProxyName },
      period: MINUTE,
      statistic: 'Sum',
    });
    this.alarm('ProxyAuthFailures', 'RDS Proxy refuses client connections (IAM auth failures)', {
      metric: failedAuth,
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });
    this.dashboard.addWidgets(new cloudwatch.GraphWidget({ title: 'RDS Proxy auth failures', left: [failedAuth] }));
  }

  private watchCloudFront(distribution: cloudfront.IDistribution): void {
    // CloudFront publishes its metrics in us-east-1 only, with Region=Global.
    // The dashboard names the region so it works from any; an alarm must stay in its own.
    const cloudFront = (metricName: string, statistic: string, region?: string): cloudwatch.Metric =>
      new cloudwatch.Metric({
        namespace: 'AWS/CloudFront',
        metricName,
        dimensionsMap: { DistributionId: distribution.distributionId, Region: 'Global' },
        period: MINUTE,
        statistic,
        ...(region && { region }),
      });
    const errorRate = cloudFront('5xxErrorRate', 'Average', 'us-east-1');
    const requests = cloudFront('Requests', 'Sum', 'us-east-1');
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({ title: 'CloudFront', left: [requests], right: [errorRate] }),
    );
    const region = Stack.of(this).region;
    if (!Token.isUnresolved(region) && region !== 'us-east-1') {
      // An alarm cannot read another region's metric; deploy to us-east-1 to get this one.
      Annotations.of(this).addWarningV2(
        'pulp:cloudfront-alarm',
        'CloudFront 5xx alarm skipped: CloudFront metrics live in us-east-1 only',
      );
      return;
    }
    this.alarm('CloudFront5xxRate', 'CloudFront answers 5xx to more than 1% of requests', {
      metric: cloudFront('5xxErrorRate', 'Average'),
      threshold: THRESHOLDS.cloudFrontServerErrorPercent,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    });
  }

  private watchCanary(canary: lambda.Function, intervalMinutes: number): void {
    const failures = canary.metricErrors({ period: Duration.minutes(intervalMinutes), statistic: 'Sum' });
    this.alarm('CanaryFailing', 'status or content probes failing', {
      metric: failures,
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });
    this.dashboard.addWidgets(new cloudwatch.GraphWidget({ title: 'Canary failures', left: [failures] }));
  }
}
