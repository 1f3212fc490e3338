import { f, type Field } from '../../http/schema/fields';

/** Fields every Pulp object shows. */
export const commonFields = (): Record<string, Field> => ({
  pulp_href: f.href({ readOnly: true }),
  prn: f.string({ readOnly: true, description: 'The Pulp Resource Name (PRN).' }),
  pulp_created: f.dateTime({ readOnly: true, description: 'Timestamp of creation.' }),
  pulp_last_updated: f.dateTime({ readOnly: true, description: 'Timestamp of the last update.' }),
});

export const digestFields = (readOnly: boolean): Record<string, Field> =>
  Object.fromEntries(
    ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'].map((d) => [
      d,
      f.string({ readOnly, nullable: true, description: `The ${d.toUpperCase()} checksum of the file if available.` }),
    ]),
  );
