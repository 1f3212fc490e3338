import { RemovalPolicy } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export interface AccessKeysProps {
  readonly production: boolean;
  /** PEM public keys CloudFront trusts for /artifacts/* signatures (current and, during a rotation, previous). */
  readonly artifactSigningPublicKeys?: string[];
  /** The secret holding the signing keys (a SigningDocument), made by the operator. */
  readonly signingSecretArn?: string;
}

/**
 * The keys of access control: a KMS key sealing secrets at rest (envelope encryption, with
 * yearly automatic rotation), the key group CloudFront checks artifact URL signatures
 * against, and the operator's signing-keys secret the functions read.
 */
export class AccessKeys extends Construct {
  readonly secretsKey: kms.Key;
  readonly artifactKeyGroup?: cloudfront.KeyGroup;
  private readonly signingSecret?: secretsmanager.ISecret;

  constructor(scope: Construct, id: string, props: AccessKeysProps) {
    super(scope, id);
    this.secretsKey = new kms.Key(this, 'SecretsKey', {
      description: 'Pulp: seals remote passwords, proxy passwords and client keys at rest',
      enableKeyRotation: true,
      removalPolicy: props.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    const pems = props.artifactSigningPublicKeys ?? [];
    if (pems.length) {
      const items = pems.map((encodedKey, i) => new cloudfront.PublicKey(this, `ArtifactKey${i}`, { encodedKey, comment: `Pulp artifact URLs, key ${i}` }));
      this.artifactKeyGroup = new cloudfront.KeyGroup(this, 'ArtifactKeyGroup', { items, comment: 'Pulp: signers of /artifacts/* URLs' });
    }
    if (props.signingSecretArn) this.signingSecret = secretsmanager.Secret.fromSecretCompleteArn(this, 'SigningSecret', props.signingSecretArn);
  }

  /** Lets a function seal and open secrets, and (`signs`) read the signing keys. */
  bind(fn: lambda.Function, options: { signs: boolean }): void {
    fn.addEnvironment('SECRETS_KMS_KEY_ID', this.secretsKey.keyArn);
    // Exactly what envelope encryption calls: a data key to seal with, and opening one.
    this.secretsKey.grant(fn, 'kms:GenerateDataKey', 'kms:Decrypt');
    if (options.signs && this.signingSecret) {
      fn.addEnvironment('SIGNING_SECRET_ARN', this.signingSecret.secretArn);
      this.signingSecret.grantRead(fn);
    }
  }
}
