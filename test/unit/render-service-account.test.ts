// The deprecated serviceAccount twin is applied with the name, so a later version that drops the
// name drops both (see provider/render/service-account.ts).
import { withServiceAccountTwin } from '../../provider/render/service-account';
import type { KubeObject } from '../../provider/render';

const deployment = (podSpec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'web' },
  spec: { template: { spec: { containers: [{ name: 'api', image: 'nginx' }], ...podSpec } } },
} as unknown as KubeObject);

describe('the serviceAccount twin', () => {
  test('a Deployment naming a service account applies the twin too', () => {
    const object = deployment({ serviceAccountName: 'web-app' });
    withServiceAccountTwin(object);
    expect((object as any).spec.template.spec.serviceAccount).toBe('web-app');
  });

  test('a CronJob\'s and a Pod\'s pod specs get it at their own paths', () => {
    const cron = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { jobTemplate: { spec: { template: { spec: { serviceAccountName: 'runner' } } } } } } as unknown as KubeObject;
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { serviceAccountName: 'solo' } } as unknown as KubeObject;
    withServiceAccountTwin(cron);
    withServiceAccountTwin(pod);
    expect((cron as any).spec.jobTemplate.spec.template.spec.serviceAccount).toBe('runner');
    expect((pod as any).spec.serviceAccount).toBe('solo');
  });

  test('without a name, with a twin already written, or for other kinds nothing changes', () => {
    const none = deployment({});
    const both = deployment({ serviceAccountName: 'a', serviceAccount: 'b' });
    const custom = { apiVersion: 'example.com/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { template: { spec: { serviceAccountName: 'a' } } } } as unknown as KubeObject;
    withServiceAccountTwin(none);
    withServiceAccountTwin(both);
    withServiceAccountTwin(custom);
    expect((none as any).spec.template.spec).not.toHaveProperty('serviceAccount');
    expect((both as any).spec.template.spec.serviceAccount).toBe('b');
    expect((custom as any).spec.template.spec).not.toHaveProperty('serviceAccount');
  });
});
