// Zarf layers end to end: a package built by the real `zarf package create` (test/fixtures/zarf/app,
// cached by harness/zarf.ts) deploys through the real tofu onto the test control plane; a new profile
// version moves the layer to another component set; re-pinning the first version rolls it back; each
// step checked with kubectl. The plan warns about actions and images, and a missing required package
// variable fails the plan with a diagnostic naming the layer.
import { startControlPlane, type ControlPlane } from '../harness/controlplane';
import { CONNECTION_TF, connectionEnv, edgeCluster, kubectlOk, objectExists, PROVIDER_TF } from '../harness/story';
import { startImageRegistry, type ImageRegistry } from '../harness/image-registry';
import { ensureTools } from '../harness/tools';
import { TofuWorkspace } from '../harness/tofu';
import { zarfPackage } from '../harness/zarf';

jest.setTimeout(900_000);

const PASSWORD = 'zarf-db-Pa55-e2e';

const zarfLayer = (components: string, variables: string) => `
  layer {
    name = "app"
    zarf {
      source     = var.package
      components = ${components}
      variables  = ${variables}
    }
  }`;

// A second package whose component needs an image: the plan lists it in a warning.
const TINY = `
  layer {
    name = "tiny"
    zarf { source = var.images_package }
  }`;

const version = (resource: string, number: string, layer: string) => `
resource "strata_profile_version" "${resource}" {
  profile_id = "zarf-app"
  version    = "${number}"
${layer}
${TINY}
}`;

function mainTf(pinned: string, v1Variables = `{ DB_PASSWORD = var.db_password, REPLICAS = "2" }`): string {
  return `${PROVIDER_TF}
variable "package" { type = string }
variable "images_package" { type = string }
variable "db_password" {
  type      = string
  sensitive = true
}
${CONNECTION_TF}
${version('v1', '1.0.0', zarfLayer('null', v1Variables))}
${version('v2', '2.0.0', zarfLayer('["extra", "-web"]', '{ DB_PASSWORD = var.db_password, GREETING = "hi from v2" }'))}
${edgeCluster('local.control_plane', pinned)}`;
}

/** tofu's warning or error blocks with their text folded to single spaces (tofu wraps at 80 columns). */
const folded = (text: string) => text.replace(/[│╵╷]/g, ' ').replace(/\s+/g, ' ');

describe('a Zarf layer: deploy, another component set, rollback', () => {
  let plane: ControlPlane;
  let ws: TofuWorkspace;
  let registry: ImageRegistry;
  let image: string;
  const kubectl = (...args: string[]) => kubectlOk(plane, args);
  const exists = (...args: string[]) => objectExists(plane, args);

  beforeAll(async () => {
    const { helm } = await ensureTools(['helm', 'kubectl', 'zarf']);
    const pkg = await zarfPackage('app');
    registry = await startImageRegistry('strata/tiny', '1.0.0');
    image = `${registry.host}/strata/tiny:1.0.0`;
    const images = await zarfPackage('images', { templates: { REGISTRY: registry.host } });
    plane = await startControlPlane({ withKwok: true, nodes: 1 });
    ws = await TofuWorkspace.create({ files: { 'main.tf': mainTf('strata_profile_version.v1.snapshot') } });
    Object.assign(ws.env, { TF_VAR_package: pkg, TF_VAR_images_package: images, TF_VAR_db_password: PASSWORD, TF_VAR_helm_path: helm, ...connectionEnv(plane) });
    await ws.expect(['init', '-input=false']);
  });

  afterAll(async () => {
    await Promise.all([plane?.stop(), registry?.stop()]);
  });

  test('1.0.0: the plan lists the objects and warns about the actions it does not run and the images it does not push; apply deploys the default components', async () => {
    const plan = await ws.expect(['plan', '-input=false']);
    expect(plan.stdout).toContain('app: + v1 Namespace strata-zarf');
    expect(plan.stdout).toContain('app: + apps/v1 Deployment strata-zarf/web');
    const warnings = folded(plan.stdout + plan.stderr);
    expect(warnings).toContain('Warning: Zarf actions are not run (layer "app")');
    expect(warnings).toContain(`Warning: Zarf images are not pushed (layer "tiny")`);
    expect(warnings).toContain(`Layer "tiny": The selected components of Zarf package strata-images need these images, which Strata does not push to a registry and whose references it does not rewrite: ${image}.`);
    expect(warnings).not.toContain(PASSWORD);

    await ws.expect(['apply', '-input=false', '-auto-approve']);
    expect(await kubectl('-n', 'strata-zarf', 'get', 'configmap', 'settings', '-o', 'jsonpath={.data.greeting}/{.data.team}')).toBe('hello/platform');
    expect(await kubectl('-n', 'strata-images', 'get', 'configmap', 'app', '-o', 'jsonpath={.data.image}')).toBe('tiny');
    expect(Buffer.from(await kubectl('-n', 'strata-zarf', 'get', 'secret', 'db', '-o', 'jsonpath={.data.password}'), 'base64').toString()).toBe(PASSWORD);
    expect(await kubectl('-n', 'strata-zarf', 'get', 'deployment', 'web', '-o', 'jsonpath={.spec.replicas}/{.status.availableReplicas}')).toBe('2/2');
    expect(await exists('-n', 'strata-zarf', 'configmap', 'extra')).toBe(false);
    await ws.expect(['plan', '-input=false', '-detailed-exitcode'], 0);
  });

  test('2.0.0: another component set adds the kustomized extra and removes the deselected chart', async () => {
    ws.write('main.tf', mainTf('strata_profile_version.v2.snapshot'));
    await ws.expect(['apply', '-input=false', '-auto-approve']);
    expect(await kubectl('-n', 'strata-zarf', 'get', 'configmap', 'extra', '-o', 'jsonpath={.metadata.labels.built-by}')).toBe('kustomize');
    expect(await kubectl('-n', 'strata-zarf', 'get', 'configmap', 'settings', '-o', 'jsonpath={.data.greeting}')).toBe('hi from v2');
    expect(await exists('-n', 'strata-zarf', 'deployment', 'web')).toBe(false);
    expect(await kubectl('get', 'namespace', 'strata-zarf', '-o', 'jsonpath={.status.phase}')).toBe('Active');
  });

  test('rollback: re-pinning 1.0.0 restores the first component set', async () => {
    ws.write('main.tf', mainTf('strata_profile_version.v1.snapshot'));
    await ws.expect(['apply', '-input=false', '-auto-approve']);
    expect(await kubectl('-n', 'strata-zarf', 'get', 'deployment', 'web', '-o', 'jsonpath={.spec.replicas}/{.status.availableReplicas}')).toBe('2/2');
    expect(await kubectl('-n', 'strata-zarf', 'get', 'configmap', 'settings', '-o', 'jsonpath={.data.greeting}')).toBe('hello');
    expect(await exists('-n', 'strata-zarf', 'configmap', 'extra')).toBe(false);
    const applied = await ws.expect(['state', 'show', 'strata_cluster.edge']);
    expect(applied.stdout).toMatch(/applied_version\s+= "1\.0\.0"/);
  });

  test('strata_rendered_layers gives the same warnings when it renders the package for review', async () => {
    ws.write('main.tf', `${mainTf('strata_profile_version.v1.snapshot')}
data "strata_rendered_layers" "review" {
  profile    = strata_profile_version.v1.snapshot
  kubernetes = local.control_plane
}`);
    // tofu's human view folds warnings of the same summary into one; its JSON view lists each with its address.
    const plan = await ws.expect(['plan', '-input=false', '-json']);
    const warnings = plan.stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line))
      .filter((message) => message.type === 'diagnostic' && message.diagnostic.severity === 'warning')
      .map(({ diagnostic }) => `${diagnostic.address} ${diagnostic.summary} ${diagnostic.snippet?.code.trim()}`);
    expect(warnings).toEqual(expect.arrayContaining([
      'data.strata_rendered_layers.review Zarf actions are not run (layer "app") profile    = strata_profile_version.v1.snapshot',
      'data.strata_rendered_layers.review Zarf images are not pushed (layer "tiny") profile    = strata_profile_version.v1.snapshot',
      'strata_cluster.edge Zarf actions are not run (layer "app") profile    = strata_profile_version.v1.snapshot',
    ]));
    const text = plan.stdout;
    expect(text).not.toContain(PASSWORD);
  });

  test('a missing required package variable fails the plan, naming the layer and what to set', async () => {
    ws.write('main.tf', mainTf('strata_profile_version.v1.snapshot', '{ REPLICAS = "2" }'));
    const plan = await ws.expect(['plan', '-input=false'], 1);
    const text = folded(plan.stderr);
    expect(text).toContain('Error: Cannot render the profile');
    expect(text).toContain('layer "app": Zarf package');
    expect(text).toContain('the package variable DB_PASSWORD is required (it prompts in `zarf package deploy`): Password of the app\'s database. Set it in zarf.variables');
    expect(text).toMatch(/with strata_cluster\.edge,.*on main\.tf line \d+, in resource "strata_cluster" "edge":.*profile\s+=/);
  });
});
