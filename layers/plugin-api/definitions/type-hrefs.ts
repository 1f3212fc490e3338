/** Hrefs and PRNs of objects by type, as the API shows them. */
export interface TypeHrefs {
  repository(pulpType: string, id: string): string;
  version(repositoryType: string, repositoryId: string, number: number): string;
  versionPrn(versionId: string): string;
  remote(pulpType: string, id: string): string;
  content(pulpType: string, id: string): string;
  publication(pulpType: string, id: string): string;
  distribution(pulpType: string, id: string): string;
  artifact(id: string): string;
  upload(id: string): string;
  task(id: string): string;
  /** `prn:<model>:<id>` of an object of `kind` and type. */
  prn(kind: 'repositories' | 'remotes' | 'content' | 'publications' | 'distributions', pulpType: string, id: string): string;
}
