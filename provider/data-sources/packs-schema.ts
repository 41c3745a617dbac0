// The strata_packs schema: what a pack registry offers.
import { nestedList, string, stringList } from '../framework/schema';
import type { DataSourceSchema } from '../framework/data-source';

export const packsSchema = {
  description: 'The packs of a pack registry and their versions (docs/packs.md): to pick a version for a `pack` layer, or to check in CI that a registry has what the profiles name. ' +
    'Credentials for the registry come from the provider\'s `pack_registry` blocks.',
  attributes: {
    registry: string({ required: true, description: 'The registry, as `pack.registry` names it: `oci://host/path`, an `https://` base URL serving `index.json`, or a directory holding `index.json`. For an OCI registry the packs are listed through its catalog API (`/v2/_catalog`), which the credentials must be allowed to read.' }),
    packs: nestedList({
      name: string({ computed: true, description: 'The pack\'s name.' }),
      description: string({ computed: true, description: 'The description of its latest version.' }),
      type: string({ computed: true, description: 'What its latest version renders to: `helm` or `manifest`.' }),
      versions: stringList({ computed: true, description: 'Its versions, oldest first (semantic version order).' }),
      latest: string({ computed: true, description: 'Its newest version that is not a pre-release (the newest pre-release when it has only those).' }),
    }, { computed: true, description: 'The registry\'s packs, by name.' }),
  },
  blocks: {},
} satisfies DataSourceSchema;
