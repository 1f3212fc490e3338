import { Duration } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { acknowledge } from '../nag';
import { createLogGroup } from './log-group';
import { type FunctionDefaults, type VpcPlacement, createPulpFunction } from './pulp-function';

export interface ApiProps extends FunctionDefaults {
  readonly placement?: VpcPlacement;
  readonly memoryMb: number;
  readonly throttleRate: number;
  readonly throttleBurst: number;
}

/** The REST API: an HTTP API whose $default route sends everything to one api Lambda. */
export class Api extends Construct {
  readonly fn: lambda.Function;
  readonly httpApi: apigwv2.HttpApi;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    this.fn = createPulpFunction(this, {
      ...props,
      ...props.placement,
      name: 'api',
      description: 'Pulp REST API (/pulp/api/v3/)',
      // HTTP API gives up after 30 s; slower work is a task (202 + task href).
      timeout: Duration.seconds(29),
    });
    // Aurora resumes from a pause in about 15 s: the first request after one waits for it,
    // within API Gateway's limit, instead of answering 503 at the default 15 s budget.
    this.fn.addEnvironment('DB_CONNECT_TIMEOUT_MS', '24000');
    this.fn.addEnvironment('REQUEST_BUDGET_MS', '26000');

    const integration = new HttpLambdaIntegration('Api', this.fn);
    this.httpApi = new apigwv2.HttpApi(this, 'HttpApi', {
      description: 'Pulp 3 REST API and package indexes',
      defaultIntegration: integration,
      createDefaultStage: false,
    });
    // Package indexes (/pypi/<base_path>/simple/, twine's legacy/) are served by the api Lambda on
    // the API's host, as pulp_python serves them on PYPI_API_HOSTNAME: pip's credentials are per
    // host, and twine must never see a redirect.
    this.httpApi.addRoutes({ path: '/pypi/{proxy+}', methods: [apigwv2.HttpMethod.ANY], integration });
    // Distributions' base_url (`<api>/pypi/<base_path>/`) names this host.
    this.fn.addEnvironment('API_ORIGIN', this.httpApi.apiEndpoint);

    const accessLogs = createLogGroup(this, 'AccessLogs', props);
    this.httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.throttleRate, burstLimit: props.throttleBurst },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(accessLogs),
        format: apigw.AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            time: '$context.requestTime',
            method: '$context.httpMethod',
            path: '$context.path',
            status: '$context.status',
            latency: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
            bytes: '$context.responseLength',
          }),
        ),
      },
    });

    acknowledge(
      this.httpApi,
      'APIG4',
      'Pulp authenticates in the api Lambda (HTTP Basic, as pulp-cli expects) and serves /status/ anonymously, like Pulp.',
    );
    acknowledge(this.httpApi, 'COG4', 'Pulp users live in Postgres, not Cognito; pulp-cli speaks HTTP Basic.');
  }

  /** The API base URL, e.g. for pulp-cli's base_url. */
  get url(): string {
    return this.httpApi.apiEndpoint;
  }
}
