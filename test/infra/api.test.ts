import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Synthesized, functionResource, logicalIdOf, synth } from './support';

describe.each([
  { context: {}, rate: 200, burst: 400 },
  { context: { apiThrottleRate: '50', apiThrottleBurst: '100' }, rate: 50, burst: 100 },
])('api (throttle $rate/$burst)', ({ context, rate, burst }) => {
  let synthesized: Synthesized;

  beforeAll(() => {
    // Prepare
    synthesized = synth(context);
  });

  it('sends every route of one HTTP API to the api Lambda', () => {
    // Prepare
    const fnId = logicalIdOf(synthesized.template, 'AWS::Lambda::Function', 'ApiFunction');

    // Act / Assess
    synthesized.template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    synthesized.template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
    synthesized.template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$default' });
    synthesized.template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: { 'Fn::GetAtt': [fnId, 'Arn'] },
      PayloadFormatVersion: '2.0',
    });
  });

  it('routes the package indexes (/pypi/*) to the api Lambda, which knows its own origin for base_url', () => {
    // Prepare
    const apiId = logicalIdOf(synthesized.template, 'AWS::ApiGatewayV2::Api', 'ApiHttpApi');

    // Act
    const routes = Object.values(synthesized.template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties);
    const pypi = routes.find((r) => r.RouteKey === 'ANY /pypi/{proxy+}');
    const fallback = routes.find((r) => r.RouteKey === '$default');

    // Assess
    expect(pypi).toBeDefined();
    expect(pypi!.Target).toEqual(fallback!.Target);
    expect(functionResource(synthesized.template, 'Api').Environment.Variables.API_ORIGIN).toEqual({ 'Fn::GetAtt': [apiId, 'ApiEndpoint'] });
  });

  it('gives a request room to wait out an Aurora resume, and answers before the function times out', () => {
    // Act
    const fn = functionResource(synthesized.template, 'Api');
    const env = fn.Environment.Variables;

    // Assess: resume takes ~15 s; API Gateway gives up at 30 s
    expect(Number(env.DB_CONNECT_TIMEOUT_MS)).toBeGreaterThan(15_000);
    expect(Number(env.REQUEST_BUDGET_MS)).toBeGreaterThan(Number(env.DB_CONNECT_TIMEOUT_MS));
    expect(Number(env.REQUEST_BUDGET_MS)).toBeLessThan(fn.Timeout * 1000);
  });

  it('throttles and writes JSON access logs with retention', () => {
    // Act
    const [stage] = Object.values(synthesized.template.findResources('AWS::ApiGatewayV2::Stage'));
    const props = stage!.Properties;
    const logGroupId = props.AccessLogSettings.DestinationArn['Fn::GetAtt'][0] as string;

    // Assess
    expect(props.StageName).toBe('$default');
    expect(props.AutoDeploy).toBe(true);
    expect(props.DefaultRouteSettings).toMatchObject({ ThrottlingRateLimit: rate, ThrottlingBurstLimit: burst });
    expect(JSON.parse(props.AccessLogSettings.Format)).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
    expect(synthesized.template.toJSON().Resources[logGroupId].Properties.RetentionInDays).toBe(14);
  });

  it('answers inside the HTTP API 30 s limit', () => {
    // Act
    const timeout = functionResource(synthesized.template, 'Api').Timeout as number;

    // Assess
    expect(timeout).toBeLessThan(30);
  });

  it('outputs the API URL for pulp-cli', () => {
    // Act / Assess
    const apiId = logicalIdOf(synthesized.template, 'AWS::ApiGatewayV2::Api', 'ApiHttpApi');
    synthesized.template.hasOutput('ApiUrl', { Value: { 'Fn::GetAtt': [apiId, 'ApiEndpoint'] } });
    synthesized.template.hasOutput('ContentUrl', { Value: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith(['https://'])] }) });
  });
});
