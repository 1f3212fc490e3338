import { describe, expect, it } from 'vitest';
import { idsOfType, resourcesOf, synth } from './support';

describe.each([
  { profile: 'lean', retention: 14, policy: 'Delete' },
  { profile: 'production', retention: 90, policy: 'Retain' },
])('log groups ($profile)', ({ profile, retention, policy }) => {
  it('point every Lambda function, CDK handlers included, at a log group of the stack', () => {
    // Prepare
    const { template } = synth({ profile });
    const resources = resourcesOf(template);

    // Act
    const targets = idsOfType(template, 'AWS::Lambda::Function').map((id) => ({
      id,
      logGroup: resources[id]!.Properties!.LoggingConfig?.LogGroup?.Ref as string | undefined,
    }));

    // Assess: otherwise Lambda creates /aws/lambda/<name> itself, without retention, and it outlives the stack.
    expect(targets.length).toBeGreaterThanOrEqual(9);
    for (const { id, logGroup } of targets) {
      expect(logGroup, id).toBeDefined();
      expect(resources[logGroup!]!.Type, id).toBe('AWS::Logs::LogGroup');
    }
  });

  it(`expire after ${retention} days and ${policy === 'Delete' ? 'go with' : 'outlive'} the stack, every one`, () => {
    // Prepare
    const { template } = synth({ profile });

    // Act
    const groups = idsOfType(template, 'AWS::Logs::LogGroup').map((id) => ({ id, ...resourcesOf(template)[id]! }));

    // Assess
    for (const group of groups) {
      expect(group.Properties!.RetentionInDays, group.id).toBe(retention);
      expect(group.DeletionPolicy, group.id).toBe(policy);
    }
  });

  it('leave no log retention custom resource (its own function would log forever)', () => {
    // Act / Assess
    synth({ profile }).template.resourceCountIs('Custom::LogRetention', 0);
  });
});
