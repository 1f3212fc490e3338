import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { idsOfType, resourcesOf, synth } from './support';

const INTERFACE = 'Interface';

const endpoints = (profile: string): Array<{ service: string; type: string; subnets: number }> => {
  const { template } = synth({ profile });
  return Object.values(template.findResources('AWS::EC2::VPCEndpoint')).map((r) => {
    const name = JSON.stringify(r.Properties.ServiceName);
    return {
      service: ['sqs', 'secretsmanager', 'kms', 's3', 'dynamodb'].find((s) => name.includes(`.${s}`)) ?? name,
      type: r.Properties.VpcEndpointType ?? 'Gateway',
      subnets: (r.Properties.SubnetIds ?? []).length,
    };
  });
};

describe.each([
  { profile: 'lean', nat: 0, internetGateways: 0, interfaces: [{ service: 'sqs', type: INTERFACE, subnets: 1 }] },
  {
    profile: 'production',
    // Upstream fetches run outside the VPC: production needs no NAT either.
    nat: 0,
    internetGateways: 0,
    interfaces: [
      // KMS seals remote secrets at rest (lean uses the deployment key instead).
      { service: 'kms', type: INTERFACE, subnets: 2 },
      { service: 'secretsmanager', type: INTERFACE, subnets: 2 },
      { service: 'sqs', type: INTERFACE, subnets: 2 },
    ],
  },
])('network ($profile)', ({ profile, nat, internetGateways, interfaces }) => {
  it(`has ${nat} NAT gateways and ${internetGateways} internet gateways`, () => {
    // Act
    const { template } = synth({ profile });

    // Assess
    template.resourceCountIs('AWS::EC2::NatGateway', nat);
    template.resourceCountIs('AWS::EC2::InternetGateway', internetGateways);
  });

  it('pays for only the interface endpoints the profile needs, in the AZs it chose', () => {
    // Act
    const found = endpoints(profile).filter((e) => e.type === INTERFACE);

    // Assess
    expect(found.sort((a, b) => a.service.localeCompare(b.service))).toEqual(interfaces);
  });

  it('reaches S3 and DynamoDB through free gateway endpoints', () => {
    // Act
    const gateways = endpoints(profile).filter((e) => e.type === 'Gateway').map((e) => e.service).sort();

    // Assess
    expect(gateways).toEqual(['dynamodb', 's3']);
  });

  it('strips the default security group of every rule (restrictDefaultSecurityGroup)', () => {
    // Act
    const { template } = synth({ profile });

    // Assess
    template.resourceCountIs('Custom::VpcRestrictDefaultSG', 1);
  });
});

describe('network without NAT', () => {
  it('gives the function subnets no route out (no 0.0.0.0/0 route at all)', () => {
    // Prepare
    const { template } = synth({ profile: 'lean' });

    // Act
    const routes = idsOfType(template, 'AWS::EC2::Route').map((id) => resourcesOf(template)[id]!.Properties!);

    // Assess
    expect(routes).toEqual([]);
  });

  it('adds one NAT gateway when asked (-c natGateways=1) for upstream fetches from the VPC', () => {
    // Act
    const { template } = synth({ profile: 'lean', natGateways: '1' });

    // Assess
    template.resourceCountIs('AWS::EC2::NatGateway', 1);
    template.hasResourceProperties('AWS::EC2::Route', { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: Match.anyValue() });
  });
});
