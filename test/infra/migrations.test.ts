import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Synthesized, functionResource, logicalIdOf, synth } from './support';

describe('migrations', () => {
  let synthesized: Synthesized;
  let trigger: Record<string, any>;

  beforeAll(() => {
    // Prepare
    synthesized = synth();
    const [resource] = Object.values(synthesized.template.findResources('Custom::Trigger'));
    trigger = resource!;
  });

  it.each([
    { what: 'the cluster', type: 'AWS::RDS::DBCluster', prefix: 'DatabaseCluster' },
    { what: 'the writer instance', type: 'AWS::RDS::DBInstance', prefix: 'DatabaseClusterWriter' },
    { what: 'the proxy', type: 'AWS::RDS::DBProxy', prefix: 'DatabaseClusterProxy' },
    { what: 'the proxy target', type: 'AWS::RDS::DBProxyTargetGroup', prefix: 'DatabaseClusterProxy' },
    { what: 'the NAT gateway', type: 'AWS::EC2::NatGateway', prefix: 'NetworkVpc' },
    { what: 'the admin secret', type: 'AWS::SecretsManager::Secret', prefix: 'MigrationsAdminSecret' },
  ])('runs only after $what exists', ({ type, prefix }) => {
    // Act
    const id = logicalIdOf(synthesized.template, type, prefix);

    // Assess
    expect(trigger.DependsOn).toContain(id);
  });

  it('invokes the current version synchronously, waiting as long as the function may run', () => {
    // Prepare
    const migrate = functionResource(synthesized.template, 'Migrations');

    // Act
    const props = trigger.Properties;

    // Assess: a version ARN means a new run whenever the handler changes.
    expect(props.HandlerArn).toEqual({ Ref: logicalIdOf(synthesized.template, 'AWS::Lambda::Version', 'MigrationsFunctionCurrentVersion') });
    expect(props.InvocationType).toBe('RequestResponse');
    expect(Number(props.Timeout)).toBe(migrate.Timeout * 1000);
  });

  it('connects to the cluster directly with the master secret and knows the admin secret', () => {
    // Prepare
    const clusterId = logicalIdOf(synthesized.template, 'AWS::RDS::DBCluster', 'DatabaseCluster');
    const adminId = logicalIdOf(synthesized.template, 'AWS::SecretsManager::Secret', 'MigrationsAdminSecret');
    const roleId = logicalIdOf(synthesized.template, 'AWS::IAM::Role', 'MigrationsFunctionServiceRole');

    // Act
    const env = functionResource(synthesized.template, 'Migrations').Environment.Variables;

    // Assess
    expect(env.DB_HOST).toEqual({ 'Fn::GetAtt': [clusterId, 'Endpoint.Address'] });
    expect(env.DB_SECRET_ARN.Ref).toMatch(/^DatabaseClusterSecretAttachment/);
    expect(env.DB_IAM_AUTH).toBeUndefined();
    expect(env.ADMIN_SECRET_NAME).toBe('Pulp/pulp-admin');
    synthesized.template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: roleId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Resource: { Ref: adminId } }),
        ]),
      },
    });
  });

  it('generates the admin password and exposes only its name', () => {
    // Act
    const outputs = synthesized.template.findOutputs('AdminSecretName');

    // Assess
    synthesized.template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({ SecretStringTemplate: '{"username":"admin"}', GenerateStringKey: 'password' }),
    });
    expect(Object.values(outputs).map((o) => o.Value)).toEqual(['Pulp/pulp-admin']);
  });

  it('gives the api no access to the admin secret', () => {
    // Prepare
    const adminId = logicalIdOf(synthesized.template, 'AWS::SecretsManager::Secret', 'MigrationsAdminSecret');
    const apiRole = logicalIdOf(synthesized.template, 'AWS::IAM::Role', 'ApiFunctionServiceRole');

    // Act
    const apiPolicies = Object.values(synthesized.template.findResources('AWS::IAM::Policy')).filter((p) =>
      JSON.stringify(p.Properties.Roles).includes(apiRole),
    );

    // Assess
    expect(apiPolicies).toHaveLength(1);
    expect(JSON.stringify(apiPolicies)).not.toContain(adminId);
  });
});
