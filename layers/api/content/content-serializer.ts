import type { App } from '../../app/app';
import type { ContentUnit } from '../../core/models/content';

/** A unit as its type shows it; units of uninstalled types show only the common fields. */
export function serializeContent(app: App, unit: ContentUnit): Record<string, unknown> {
  const type = app.types.content.find(unit.pulpType);
  const endpoint = type?.names.endpoint ?? '/pulp/api/v3/content/';
  return {
    pulp_href: `${endpoint}${unit.id}/`,
    prn: type ? app.hrefs.prn('content', unit.pulpType, unit.id) : `prn:core.content:${unit.id}`,
    pulp_created: unit.pulpCreated,
    pulp_last_updated: unit.pulpLastUpdated,
    pulp_labels: unit.pulpLabels,
    artifact: unit.artifact ? app.hrefs.artifact(unit.artifact.id) : null,
    ...(type ? type.definition.serialize(unit) : {}),
  };
}
