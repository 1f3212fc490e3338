/** An object permissions can be held on: its model (`file.filerepository`) and id (UUID or integer). */
export interface ObjectRef {
  model: string;
  id: string;
}

const PRN = /^prn:([a-z0-9_]+\.[a-z0-9_]+):([0-9A-Za-z-]+)$/;

export function parsePrn(prn: string): ObjectRef | undefined {
  const m = PRN.exec(prn);
  return m ? { model: m[1]!, id: m[2]!.toLowerCase() } : undefined;
}

export function prnOf(ref: ObjectRef): string {
  return `prn:${ref.model}:${ref.id}`;
}
