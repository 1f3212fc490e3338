import type { App } from '../../app/app';
import { orphanCleanupTask } from '../../core/tasks/core-tasks';
import { validationError } from '../../http/errors';
import type { Route } from '../../http/route';
import { f, schema } from '../../http/schema/fields';
import { badRequestResponse, dispatchResponse, FORMS, taskResponse } from '../common/responses';

const OrphansCleanup = schema('OrphansCleanup', {
  content_hrefs: f.array(f.string(), { description: 'Will delete specified content and associated Artifacts if they are orphans.' }),
  orphan_protection_time: f.integer({
    nullable: true,
    minimum: 0,
    maximum: 5_256_000,
    description:
      'The time in minutes for how long Pulp will hold orphan Content and Artifacts before they become candidates for deletion by this orphan cleanup task.',
  }),
});

/** Every orphan cleanup takes this lock: two at once would race over the same rows. */
export const ORPHANS_RESOURCE = 'pdrn:default:orphans';

/** `POST orphans/cleanup/`: content in no repository, then artifacts no content uses. */
export const orphanCleanupRoute: Route<App> = {
  method: 'POST',
  path: '/pulp/api/v3/orphans/cleanup/',
  operationId: 'orphans_cleanup_cleanup',
    access: { viewset: 'orphans/cleanup', action: 'cleanup' },
  summary: 'Clean up orphans',
  tags: ['Orphans'],
  body: { schema: OrphansCleanup, contentTypes: [...FORMS] },
  responses: { ...taskResponse, ...badRequestResponse },
  handler: async (req, app) => {
    const hrefs = req.body.content_hrefs as string[] | undefined;
    const prefixes = app.types.content.endpoints();
    const contentIds = hrefs?.map((h) => {
      const id = app.names.idIn(prefixes, h);
      if (!id) throw validationError({ content_hrefs: [`Invalid hyperlink - No URL match: ${h}`] });
      return id;
    });
    const minutes = (req.body.orphan_protection_time as number | null | undefined) ?? 1440;
    return dispatchResponse(app, req, orphanCleanupTask, { contentIds, protectionMinutes: minutes }, { exclusiveResources: [ORPHANS_RESOURCE] });
  },
};
