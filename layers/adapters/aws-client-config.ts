/** SDK client settings: the default chain in AWS, an emulator (moto, LocalStack) locally. */
export interface AwsClientConfig {
  region: string;
  endpoint?: string;
  forcePathStyle?: boolean;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export function awsClientConfig(region: string, endpoint?: string): AwsClientConfig {
  if (!endpoint) return { region };
  // Emulators accept any credentials; path-style because they do not resolve bucket subdomains.
  return {
    region,
    endpoint,
    forcePathStyle: true,
    credentials: {
      accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? 'test',
      secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? 'test',
    },
  };
}
