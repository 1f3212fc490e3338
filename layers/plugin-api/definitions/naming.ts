/** How a plugin names one of its types; every API name of the type derives from these. */
export interface TypeNaming {
  /** Pulp app label: `file`, `python`. */
  app: string;
  /** The last segment of the endpoint: `file` (repositories/file/file/), `files`, `packages`, `pypi`. */
  endpointName: string;
  /** The model class: `FileRepository`, `PythonPackageContent`; names the PRN, href parameter and schemas. */
  className: string;
  /** The `pulp_type` recorded on objects of the type: `file.file`, `python.python`. */
  pulpType: string;
}

export type ObjectKind = 'repositories' | 'remotes' | 'content' | 'publications' | 'distributions';

/** Names derived the way Pulp's API (drf-spectacular) derives them, so pulp-cli finds its operations. */
export interface DerivedNames {
  kind: ObjectKind;
  pulpType: string;
  /** `/pulp/api/v3/repositories/file/file/` */
  endpoint: string;
  /** `repositories_file_file` (+ `_list`, `_create`, ...) */
  operationPrefix: string;
  /** `file_file_repository_href` */
  hrefParameter: string;
  /** `file.filerepository`, as in `prn:file.filerepository:<uuid>` */
  model: string;
  /** `file.FileRepository` */
  schemaName: string;
  /** `Repositories: File` */
  tag: string;
}

const KIND_TITLES: Record<ObjectKind, string> = {
  repositories: 'Repositories',
  remotes: 'Remotes',
  content: 'Content',
  publications: 'Publications',
  distributions: 'Distributions',
};

const snake = (className: string): string => className.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
const capitalized = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export function deriveNames(kind: ObjectKind, naming: TypeNaming): DerivedNames {
  return {
    kind,
    pulpType: naming.pulpType,
    endpoint: `/pulp/api/v3/${kind}/${naming.app}/${naming.endpointName}/`,
    operationPrefix: `${kind}_${naming.app}_${naming.endpointName}`,
    hrefParameter: `${naming.app}_${snake(naming.className)}_href`,
    model: `${naming.app}.${naming.className.toLowerCase()}`,
    schemaName: `${naming.app}.${naming.className}`,
    tag: `${KIND_TITLES[kind]}: ${capitalized(naming.endpointName)}`,
  };
}
