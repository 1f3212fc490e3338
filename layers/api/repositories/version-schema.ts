import { f, schema } from '../../http/schema/fields';
import { commonFields } from '../common/common-fields';

export const RepositoryVersionSchema = schema('RepositoryVersion', {
  ...commonFields(),
  number: f.integer({ readOnly: true }),
  repository: f.href({ readOnly: true }),
  base_version: f.href({ nullable: true, description: 'A repository version whose content was used as the initial set of content for this repository version' }),
  content_summary: f.json({ readOnly: true, description: 'Various count summaries of the content in the version and the HREF to view them.' }),
});
