import { RemovalPolicy } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { SecretsAtRest } from '../config';
import { acknowledge } from '../nag';

export interface AccessKeysProps {
  readonly production: boolean;
  readonly secretsAtRest: SecretsAtRest;
  /** PEM public keys CloudFront trusts for /artifacts/* signatures (current and, during a rotation, previous). */
  readonly artifactSigningPublicKeys?: string[];
  /** The secret holding the signing keys (a SigningDocument), made by the operator. */
  readonly signingSecretArn?: string;
}

/**
 * The keys of access control: the deployment key (a generated secret every function gets at
 * deploy: it signs content_redirect URLs and, without KMS, seals secrets at rest), a KMS key
 * sealing secrets at rest when `secretsAtRest` is `kms` (envelope encryption, rotated yearly),
 * the key group CloudFront checks artifact URL signatures against, and the operator's
 * signing-keys secret the functions read.
 */
export class AccessKeys extends Construct {
  readonly secretsKey?: kms.Key;
  readonly deploymentKey: secretsmanager.Secret;
  readonly artifactKeyGroup?: cloudfront.KeyGroup;
  private readonly signingSecret?: secretsmanager.ISecret;

  constructor(scope: Construct, id: string, props: AccessKeysProps) {
    super(scope, id);
    const removalPolicy = props.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    this.deploymentKey = new secretsmanager.Secret(this, 'DeploymentKey', {
      description: 'Pulp: the deployment key (content_redirect signatures; secrets at rest without KMS)',
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      removalPolicy,
    });
    acknowledge(
      this.deploymentKey,
      'SMG4',
      'What it sealed must stay openable: a rotation adds a key beside it (PULP_SECRET_KEYS) and re-encrypts at the next deploy; it is not replaced on a schedule.',
    );
    if (props.secretsAtRest === 'kms') {
      this.secretsKey = new kms.Key(this, 'SecretsKey', {
        description: 'Pulp: seals remote passwords, proxy passwords and client keys at rest',
        enableKeyRotation: true,
        removalPolicy,
      });
    }
    const pems = props.artifactSigningPublicKeys ?? [];
    if (pems.length) {
      const items = pems.map((encodedKey, i) => new cloudfront.PublicKey(this, `ArtifactKey${i}`, { encodedKey, comment: `Pulp artifact URLs, key ${i}` }));
      this.artifactKeyGroup = new cloudfront.KeyGroup(this, 'ArtifactKeyGroup', { items, comment: 'Pulp: signers of /artifacts/* URLs' });
    }
    if (props.signingSecretArn) this.signingSecret = secretsmanager.Secret.fromSecretCompleteArn(this, 'SigningSecret', props.signingSecretArn);
  }

  /** Lets a function seal and open secrets, and (`signs`) read the signing keys. */
  bind(fn: lambda.Function, options: { signs: boolean }): void {
    // Resolved by CloudFormation at deploy: the function reads no secret at run time (in lean
    // nothing in the VPC can reach Secrets Manager). It sits in the function's environment,
    // encrypted at rest by Lambda, as Pulp's own key sits in its settings file.
    fn.addEnvironment('PULP_DEPLOYMENT_KEY', this.deploymentKey.secretValue.unsafeUnwrap());
    if (this.secretsKey) {
      fn.addEnvironment('SECRETS_KMS_KEY_ID', this.secretsKey.keyArn);
      // Exactly what envelope encryption calls: a data key to seal with, and opening one.
      this.secretsKey.grant(fn, 'kms:GenerateDataKey', 'kms:Decrypt');
    }
    if (options.signs && this.signingSecret) {
      fn.addEnvironment('SIGNING_SECRET_ARN', this.signingSecret.secretArn);
      this.signingSecret.grantRead(fn);
    }
  }
}
