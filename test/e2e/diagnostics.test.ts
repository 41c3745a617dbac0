// Errors a user can act on reach tofu as themselves: their own summary, pointing at the attribute
// to fix, never as the provider's "unexpected" crash report. Real tofu; no control plane.
import { freePorts } from '../harness/ports';
import { TofuWorkspace } from '../harness/tofu';

jest.setTimeout(300_000);

test('a cluster whose API server is down fails its plan with "Cannot reach the Kubernetes API server", not as a crash', async () => {
  // A port that was free a moment ago: nothing listens there, so the connection is refused.
  const [port] = await freePorts(1);
  const ws = await TofuWorkspace.create({
    files: {
      'main.tf': `terraform {
  required_providers {
    strata = { source = "strata/strata" }
  }
}

resource "strata_profile_version" "v" {
  profile_id = "web"
  version    = "1.0.0"
  layer {
    name = "base"
    manifest {
      content = "apiVersion: v1\\nkind: Namespace\\nmetadata:\\n  name: web\\n"
    }
  }
}

resource "strata_cluster" "down" {
  name       = "down"
  kubernetes = { host = "https://127.0.0.1:${port}", insecure = true, token = "x" }
  profile    = strata_profile_version.v.snapshot
}
`,
    },
  });
  await ws.expect(['init', '-input=false']);
  const plan = await ws.run(['plan', '-input=false']);
  expect(plan.code).toBe(1);
  expect(plan.stderr).toContain('Error: Cannot reach the Kubernetes API server');
  // The diagnostic's path is kubernetes: tofu points at an attribute, not inside an object's value.
  expect(plan.stderr).toContain('with strata_cluster.down,');
  expect(plan.stderr).toMatch(/on main\.tf line 20, in resource "strata_cluster" "down":\n\s+20:\s+kubernetes = \{/);
  expect(plan.stderr).toContain(`https://127.0.0.1:${port}`);
  expect(`${plan.stdout}${plan.stderr}`).not.toMatch(/unexpected/i);
});
