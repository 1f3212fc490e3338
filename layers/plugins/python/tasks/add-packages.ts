import { arg, defineTask, type PluginTask } from '../../../plugin-api';
import { packagesIn } from '../serving/index-view';

export interface AddPackagesArgs {
  repositoryId: string;
  contentIds: string[];
}

/** pulp_python's upload task: packages uploaded to an index (or cached by pull-through) join its repository. */
export const addPackages = defineTask<AddPackagesArgs>('pulp_python.app.tasks.upload.upload', (raw) => ({
  repositoryId: arg.string(raw, 'repositoryId'),
  contentIds: arg.strings(raw, 'contentIds'),
}));

export const addPackagesTask: PluginTask<AddPackagesArgs> = {
  handle: addPackages,
  async run({ repositoryId, contentIds }, ctx, services) {
    const latest = await services.versions.latest(repositoryId);
    for (const id of contentIds) {
      const unit = await services.content.get(id);
      if (!unit) throw new Error(`The package ${id} no longer exists.`);
      const filename = String(unit.fields.filename);
      // Another upload of the same filename won the race since the request checked.
      const present = await packagesIn(services, latest, [{ field: 'filename', op: 'eq', value: filename }]);
      if (present.some((u) => u.id !== id)) throw new Error(`Package ${filename} already exists in index`);
    }
    await services.newVersion(ctx, repositoryId, { add: contentIds });
    return null;
  },
};
