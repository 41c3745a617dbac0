// The Kubernetes client against the real test control plane (etcd + kube-apiserver on loopback),
// with the pinned kubectl as the independent witness. Nothing here is mocked.
import { readFileSync } from 'node:fs';
import { KubeApiError, KubeClient, KubeConnectionError, type KubeObject } from '../../provider/kube';
import { ControlPlane, startControlPlane } from '../harness/controlplane';
import { freePort } from '../harness/ports';

const NS = 'kube-client-e2e';
const MANAGER = 'strata';

const configMap = (name: string, data: Record<string, string>, labels?: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: NS, ...(labels && { labels }) },
  data,
});

const widgetCrd: KubeObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.strata.test' },
  spec: {
    group: 'strata.test',
    scope: 'Namespaced',
    names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } } },
      },
    ],
  },
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('KubeClient against a real API server', () => {
  let plane: ControlPlane;
  let client: KubeClient;

  beforeAll(async () => {
    // No kwok: nothing here runs pods, and the plane starts faster without it.
    plane = await startControlPlane({ withKwok: false });
    client = KubeClient.connect({ host: plane.host, cluster_ca_certificate: plane.caCertPem, token: plane.adminToken });
    await client.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } }, { fieldManager: MANAGER });
  }, 10 * 60_000);

  afterAll(async () => {
    client?.close();
    await plane?.stop();
  });

  const kubectl = async (args: string[]) => {
    const res = await plane.kubectl(args);
    return { ...res, out: res.stdout.trim() };
  };

  // The identity the API server sees for a client, from a SelfSubjectReview.
  const whoami = async (who: KubeClient) => {
    const review = await who.create({ apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview', metadata: { name: 'whoami' } });
    return review.status.userInfo.username as string;
  };

  describe('connects', () => {
    it('by token (explicit attributes)', async () => {
      expect(client.host).toBe(plane.host);
      expect((await client.serverVersion()).gitVersion).toMatch(/^v1\.\d+\.\d+/);
      expect(await whoami(client)).toBe('strata-admin');
    });

    it('by client certificate (explicit attributes)', async () => {
      const byCert = KubeClient.connect({
        host: plane.host,
        cluster_ca_certificate: plane.caCertPem,
        client_certificate: plane.clientCertPem,
        client_key: plane.clientKeyPem,
      });
      expect(await whoami(byCert)).toBe('strata-cert-admin');
      byCert.close();
    });

    it('by kubeconfig path and by kubeconfig content', async () => {
      const byPath = KubeClient.connect({ config_path: plane.kubeconfigPath });
      expect(byPath.host).toBe(plane.host);
      expect(await whoami(byPath)).toBe('strata-admin');
      byPath.close();
      const byContent = KubeClient.connect({ config_content: readFileSync(plane.certKubeconfigPath, 'utf8'), config_context: 'strata-test' });
      expect(await whoami(byContent)).toBe('strata-cert-admin');
      byContent.close();
    });

    it('reports a rejected token as a 401 KubeApiError that does not repeat it', async () => {
      const wrong = KubeClient.connect({ host: plane.host, cluster_ca_certificate: plane.caCertPem, token: 'not-the-admin-token' });
      const err = (await wrong.list('v1', 'Namespace').catch((e: unknown) => e)) as KubeApiError;
      expect(err).toBeInstanceOf(KubeApiError);
      expect(err.status).toBe(401);
      expect(err.message).not.toContain('not-the-admin-token');
      wrong.close();
    });

    it('reports an unreachable host quickly, naming it', async () => {
      const port = await freePort();
      const host = `https://127.0.0.1:${port}`;
      const nowhere = KubeClient.connect({ host, cluster_ca_certificate: plane.caCertPem, token: plane.adminToken });
      const started = Date.now();
      const err = (await nowhere.serverVersion().catch((e: unknown) => e)) as KubeConnectionError;
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(err).toBeInstanceOf(KubeConnectionError);
      expect(err.host).toBe(host);
      expect(err.message).toContain(`cannot reach the Kubernetes API server at ${host}`);
      expect(err.message).toContain('connection refused (ECONNREFUSED); check that host');
    });
  });

  describe('discovery', () => {
    it('maps core and apps kinds to their resources and lists api versions as helm wants them', async () => {
      expect(await client.resourceFor('v1', 'ConfigMap')).toMatchObject({ group: '', version: 'v1', plural: 'configmaps', namespaced: true });
      expect(await client.resourceFor('v1', 'Namespace')).toMatchObject({ plural: 'namespaces', namespaced: false });
      const deployments = await client.resourceFor('apps/v1', 'Deployment');
      expect(deployments).toMatchObject({ group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments', namespaced: true });
      expect(deployments!.verbs).toEqual(expect.arrayContaining(['get', 'list', 'patch', 'create', 'delete']));
      const versions = await client.apiVersions();
      expect(versions).toEqual(expect.arrayContaining(['v1', 'apps/v1', 'apps/v1/Deployment', 'v1/ConfigMap', 'apiextensions.k8s.io/v1/CustomResourceDefinition']));
    });

    it('finds a CRD created after discovery was cached, by re-discovering on the miss', async () => {
      await client.resourceFor('v1', 'ConfigMap');
      expect(await client.resourceFor('strata.test/v1', 'Widget')).toBeUndefined();
      await client.apply(widgetCrd, { fieldManager: MANAGER });
      // The engine waits for Established before applying custom resources; so does this test.
      for (let i = 0; ; i++) {
        const crd = await client.get({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: 'widgets.strata.test' });
        if (crd?.status?.conditions?.some((c: { type: string; status: string }) => c.type === 'Established' && c.status === 'True')) break;
        if (i > 100) throw new Error('the CRD did not become Established');
        await sleep(100);
      }
      // Discovery can lag a moment behind Established; wait, outside the client (whose cache stays
      // stale), until the server serves the kind, so the miss below is the client's own.
      for (let i = 0; !(await kubectl(['api-resources', '--api-group=strata.test', '--no-headers'])).out.includes('Widget'); i++) {
        if (i > 100) throw new Error('the API server never served Widget');
        await sleep(100);
      }
      expect(await client.resourceFor('strata.test/v1', 'Widget')).toEqual({
        group: 'strata.test',
        version: 'v1',
        kind: 'Widget',
        plural: 'widgets',
        namespaced: true,
        verbs: expect.arrayContaining(['create', 'get', 'patch']),
      });
      expect(await client.apiVersions()).toContain('strata.test/v1/Widget');
      const widget = await client.apply({ apiVersion: 'strata.test/v1', kind: 'Widget', metadata: { name: 'w1', namespace: NS }, spec: { size: 3 } }, { fieldManager: MANAGER });
      expect(widget.spec).toEqual({ size: 3 });
      expect((await kubectl(['get', 'widgets.strata.test', 'w1', '-n', NS, '-o', 'jsonpath={.spec.size}'])).out).toBe('3');
    });
  });

  describe('server-side apply', () => {
    it('creates and updates with field manager strata', async () => {
      const created = await client.apply(configMap('ssa', { color: 'blue' }), { fieldManager: MANAGER });
      expect(created.metadata.uid).toBeTruthy();
      expect(created.metadata.managedFields.map((f: { manager: string }) => f.manager)).toEqual([MANAGER]);
      const updated = await client.apply(configMap('ssa', { color: 'green', size: 'L' }), { fieldManager: MANAGER });
      expect(updated.metadata.uid).toBe(created.metadata.uid);
      expect(updated.data).toEqual({ color: 'green', size: 'L' });
      expect((await kubectl(['get', 'configmap', 'ssa', '-n', NS, '-o', 'jsonpath={.data.color}/{.data.size}'])).out).toBe('green/L');
    });

    it('fails with a 409 naming the object when another manager owns the field, and force takes it over', async () => {
      await client.apply(configMap('owned', { color: 'blue' }), { fieldManager: MANAGER });
      const err = (await client.apply(configMap('owned', { color: 'red' }), { fieldManager: 'someone-else' }).catch((e: unknown) => e)) as KubeApiError;
      expect(err).toBeInstanceOf(KubeApiError);
      expect(err.status).toBe(409);
      expect(err.reason).toBe('Conflict');
      expect(err.ref).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', namespace: NS, name: 'owned' });
      expect(err.message).toMatch(new RegExp(`^apply ConfigMap ${NS}/owned: Apply failed with 1 conflict: conflict with "${MANAGER}".*\\.data\\.color.* \\(HTTP 409 Conflict\\)$`, 's'));
      const forced = await client.apply(configMap('owned', { color: 'red' }), { fieldManager: 'someone-else', force: true });
      expect(forced.data.color).toBe('red');
      expect((await kubectl(['get', 'configmap', 'owned', '-n', NS, '-o', 'jsonpath={.data.color}'])).out).toBe('red');
    });

    it('does not persist a dry run', async () => {
      const dry = await client.apply(configMap('dry', { color: 'blue' }), { fieldManager: MANAGER, dryRun: true });
      expect(dry.data).toEqual({ color: 'blue' });
      expect(await client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: NS, name: 'dry' })).toBeNull();
      const kubectlGet = await kubectl(['get', 'configmap', 'dry', '-n', NS]);
      expect(kubectlGet.code).not.toBe(0);
      expect(kubectlGet.stderr).toContain('NotFound');
      await client.apply(configMap('ssa', { color: 'purple' }), { fieldManager: MANAGER, dryRun: true });
      expect((await client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: NS, name: 'ssa' }))!.data.color).toBe('green');
    });

    it('reports an invalid object as a 422 naming it', async () => {
      const err = (await client.apply(configMap('Not_Valid', {}), { fieldManager: MANAGER }).catch((e: unknown) => e)) as KubeApiError;
      expect(err).toBeInstanceOf(KubeApiError);
      expect(err.status).toBe(422);
      expect(err.message).toMatch(new RegExp(`^apply ConfigMap ${NS}/Not_Valid: .*Not_Valid.* \\(HTTP 422 Invalid\\)$`));
    });
  });

  describe('reads and writes', () => {
    it('gets, lists by label, creates, replaces with optimistic concurrency, and deletes', async () => {
      const created = await client.create(configMap('crud', { n: '1' }, { suite: 'crud' }));
      expect(created.metadata.resourceVersion).toBeTruthy();
      await client.create(configMap('crud-2', { n: '2' }, { suite: 'crud' }));

      const got = await client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: NS, name: 'crud' });
      expect(got).toMatchObject({ apiVersion: 'v1', kind: 'ConfigMap', data: { n: '1' } });
      const listed = await client.list('v1', 'ConfigMap', { namespace: NS, labelSelector: 'suite=crud' });
      expect(listed.map((o) => `${o.apiVersion} ${o.kind} ${o.metadata.name}`).sort()).toEqual(['v1 ConfigMap crud', 'v1 ConfigMap crud-2']);
      const everywhere = await client.list('v1', 'Namespace');
      expect(everywhere.map((o) => o.metadata.name)).toEqual(expect.arrayContaining(['default', 'kube-system', NS]));

      const replaced = await client.replace({ ...got!, data: { n: '10' } });
      expect(replaced.data).toEqual({ n: '10' });
      const stale = (await client.replace({ ...got!, data: { n: '11' } }).catch((e: unknown) => e)) as KubeApiError;
      expect(stale).toBeInstanceOf(KubeApiError);
      expect(stale.status).toBe(409);
      expect(stale.message).toMatch(new RegExp(`^replace ConfigMap ${NS}/crud: .* \\(HTTP 409 Conflict\\)$`));

      expect(await client.delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace: NS, name: 'crud' }, { propagationPolicy: 'Background' })).toBe(true);
      expect(await client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: NS, name: 'crud' })).toBeNull();
      expect(await client.delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace: NS, name: 'crud' })).toBe(false);
      expect((await kubectl(['get', 'configmaps', '-n', NS, '-l', 'suite=crud', '-o', 'name'])).out).toBe('configmap/crud-2');
    });

    it('counts only non-GET requests as writes', async () => {
      const counted = KubeClient.connect({ config_path: plane.kubeconfigPath });
      await counted.serverVersion();
      await counted.apiVersions();
      await counted.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: NS, name: 'ssa' });
      await counted.list('v1', 'ConfigMap', { namespace: NS });
      expect(counted.writeRequests).toBe(0);
      await counted.apply(configMap('counted', { a: '1' }), { fieldManager: MANAGER, dryRun: true });
      await counted.apply(configMap('counted', { a: '1' }), { fieldManager: MANAGER });
      await counted.delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace: NS, name: 'counted' });
      expect(counted.writeRequests).toBe(3);
      counted.close();
    });
  });
});
