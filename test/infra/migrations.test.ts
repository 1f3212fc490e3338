import { describe, expect, it } from 'vitest';
import { DB_APP_USER } from '../../infra/constructs/database';
import { actionsOf, functionResource, logicalIdOf, resourcesOf, statementsOf, synth } from './support';

describe.each(['lean', 'production'])('migrations (%s)', (profile) => {
  const trigger = (): Record<string, any> => {
    const { template } = synth({ profile });
    return Object.values(template.findResources('Custom::Trigger'))[0]!;
  };

  it.each([
    { what: 'the cluster', type: 'AWS::RDS::DBCluster', prefix: 'DatabaseCluster' },
    { what: 'the writer instance', type: 'AWS::RDS::DBInstance', prefix: 'DatabaseClusterWriter' },
    { what: 'the admin secret', type: 'AWS::SecretsManager::Secret', prefix: 'MigrationsAdminSecret' },
  ])('runs only after $what exists', ({ type, prefix }) => {
    // Act
    const id = logicalIdOf(synth({ profile }).template, type, prefix);

    // Assess
    expect(trigger().DependsOn).toContain(id);
  });

  it('triggers the launcher, synchronously, waiting as long as the launcher may run', () => {
    // Prepare
    const { template } = synth({ profile });
    const launcher = functionResource(template, 'MigrationsLaunch');

    // Act
    const props = trigger().Properties;

    // Assess: a version ARN means a new run whenever the handler changes.
    expect(props.HandlerArn).toEqual({ Ref: logicalIdOf(template, 'AWS::Lambda::Version', 'MigrationsLaunchFunctionCurrentVersion') });
    expect(props.InvocationType).toBe('RequestResponse');
    expect(Number(props.Timeout)).toBe(launcher.Timeout * 1000);
    expect(launcher.Timeout).toBeGreaterThan(functionResource(template, 'Migrations').Timeout);
  });

  it('runs the launcher outside the VPC with the secrets and the migrator to invoke', () => {
    // Prepare
    const { template } = synth({ profile });
    const migrateId = logicalIdOf(template, 'AWS::Lambda::Function', 'MigrationsFunction');
    const adminId = logicalIdOf(template, 'AWS::SecretsManager::Secret', 'MigrationsAdminSecret');

    // Act
    const launcher = functionResource(template, 'MigrationsLaunch');

    // Assess
    expect(launcher.VpcConfig).toBeUndefined();
    expect(launcher.Handler).toBe('index.launch');
    expect(launcher.Environment.Variables).toMatchObject({
      MIGRATE_FUNCTION_NAME: { Ref: migrateId },
      ADMIN_SECRET_ARN: { Ref: adminId },
      DB_SECRET_ARN: { Ref: expect.stringMatching(/^DatabaseClusterSecretAttachment/) },
    });
  });

  it('lets the launcher read the two secrets and invoke the migrator, nothing more', () => {
    // Prepare
    const { template } = synth({ profile });
    const migrateId = logicalIdOf(template, 'AWS::Lambda::Function', 'MigrationsFunction');

    // Act
    const statements = statementsOf(template, 'MigrationsLaunch');
    const secretReads = statements
      .filter((s) => actionsOf(s).includes('secretsmanager:GetSecretValue'))
      .flatMap((s) => [s.Resource].flat());
    const invokes = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('lambda:')));

    // Assess
    expect(secretReads.map((r) => JSON.stringify(r)).sort()).toEqual([
      expect.stringMatching(/DatabaseClusterSecretAttachment/),
      expect.stringMatching(/MigrationsAdminSecret/),
    ]);
    expect(invokes).toEqual([{ Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: { 'Fn::GetAtt': [migrateId, 'Arn'] } }]);
  });

  it('runs the migrator in the VPC as the owner, with the app role to create and no secret to read', () => {
    // Prepare
    const { template } = synth({ profile });
    const clusterId = logicalIdOf(template, 'AWS::RDS::DBCluster', 'DatabaseCluster');

    // Act
    const migrate = functionResource(template, 'Migrations');
    const statements = statementsOf(template, 'Migrations');

    // Assess
    expect(migrate.Handler).toBe('index.handler');
    expect(migrate.VpcConfig.SubnetIds).toHaveLength(2);
    expect(migrate.Environment.Variables).toMatchObject({
      DB_HOST: { 'Fn::GetAtt': [clusterId, 'Endpoint.Address'] },
      APP_DB_USER: DB_APP_USER,
      NODE_EXTRA_CA_CERTS: '/var/runtime/ca-cert.pem',
    });
    expect(migrate.Environment.Variables.DB_SECRET_ARN).toBeUndefined();
    expect(statements.flatMap(actionsOf).filter((a) => a.startsWith('secretsmanager:'))).toEqual([]);
  });

  it('generates the admin password under a name CloudFormation picks, and outputs it', () => {
    // Prepare
    const { template } = synth({ profile });
    const adminId = logicalIdOf(template, 'AWS::SecretsManager::Secret', 'MigrationsAdminSecret');

    // Act
    const admin = resourcesOf(template)[adminId]!;

    // Assess: a fixed name would collide with a deleted stack's secret in its recovery window.
    expect(admin.Properties!.Name).toBeUndefined();
    expect(admin.Properties!.GenerateSecretString).toMatchObject({ SecretStringTemplate: '{"username":"admin"}', GenerateStringKey: 'password' });
    expect(admin.DeletionPolicy).toBe(profile === 'production' ? 'Retain' : 'Delete');
    expect(JSON.stringify(template.findOutputs('AdminSecretName'))).toContain(adminId);
  });

  it('gives the api no access to either secret', () => {
    // Act
    const statements = JSON.stringify(statementsOf(synth({ profile }).template, 'Api'));

    // Assess
    expect(statements).not.toContain('secretsmanager');
  });
});

describe('migrations in production', () => {
  it('wait for the proxy too, so the app connects the moment the deploy ends', () => {
    // Prepare
    const { template } = synth({ profile: 'production' });
    const [trigger] = Object.values(template.findResources('Custom::Trigger'));

    // Act / Assess
    expect(trigger!.DependsOn).toContain(logicalIdOf(template, 'AWS::RDS::DBProxy', 'DatabaseClusterProxy'));
  });
});
