// Zarf's deploy-time templates: ###ZARF_VAR_NAME### from the layer's values or the package defaults
// (prompt variables must be given), ###ZARF_CONST_NAME### from the package's constants, autoIndent
// as Zarf indents, unknown placeholders left as written.
import { leftPlaceholders, packageTemplates, substitute, VariableError } from '../../provider/render/zarf/substitute';
import type { ZarfPackage } from '../../provider/render/zarf/package';

const PACKAGE: ZarfPackage = {
  kind: 'ZarfPackageConfig',
  metadata: { name: 'p' },
  components: [{ name: 'c' }],
  constants: [{ name: 'TEAM', value: 'platform' }, { name: 'banner', value: 'a\nb', autoIndent: true }],
  variables: [
    { name: 'GREETING', default: 'hello' },
    { name: 'REPLICAS', default: '1', pattern: '^[0-9]+$' },
    { name: 'MOTD', default: 'one\ntwo', autoIndent: true },
    { name: 'DB_PASSWORD', prompt: true, sensitive: true, description: 'Password of the database' },
    { name: 'EMPTY' },
  ],
};

describe('package variables and constants', () => {
  test('defaults, given values (names in any case) and constants fill their placeholders', () => {
    const templates = packageTemplates(PACKAGE, { db_password: 's3cret', REPLICAS: '3' });
    const text = 'a: ###ZARF_VAR_GREETING###\nb: "###ZARF_VAR_REPLICAS###"\nc: ###ZARF_CONST_TEAM###-###ZARF_VAR_DB_PASSWORD###\nd: "###ZARF_VAR_EMPTY###"\n';
    expect(substitute(text, templates)).toBe('a: hello\nb: "3"\nc: platform-s3cret\nd: ""\n');
    expect(templates.get('###ZARF_VAR_DB_PASSWORD###')?.sensitive).toBe(true);
  });

  test('a value the package does not declare still fills its placeholder, as in Zarf', () => {
    expect(substitute('x: ###ZARF_VAR_EXTRA###', packageTemplates(PACKAGE, { extra: 'yes', DB_PASSWORD: 'p' }))).toBe('x: yes\n');
  });

  test('autoIndent indents later lines as far as the placeholder (after the previous one on the line)', () => {
    const templates = packageTemplates(PACKAGE, { DB_PASSWORD: 'p' });
    expect(substitute('motd: |\n  ###ZARF_VAR_MOTD###\n', templates)).toBe('motd: |\n  one\n  two\n');
    expect(substitute('x ###ZARF_VAR_GREETING### ###ZARF_CONST_BANNER###', templates)).toBe('x hello a\n b\n');
  });

  test('placeholders without a value stay as written and are reported', () => {
    const out = substitute('image: ###ZARF_REGISTRY###/app\nother: ###ZARF_VAR_GREETING###', packageTemplates(PACKAGE, { DB_PASSWORD: 'p' }));
    expect(out).toBe('image: ###ZARF_REGISTRY###/app\nother: hello\n');
    expect(leftPlaceholders(out)).toEqual(['###ZARF_REGISTRY###']);
  });

  test('a prompt variable without a value is an error naming it and what to set', () => {
    expect(() => packageTemplates(PACKAGE, {})).toThrow(VariableError);
    expect(() => packageTemplates(PACKAGE, {})).toThrow(
      'the package variable DB_PASSWORD is required (it prompts in `zarf package deploy`): Password of the database. Set it in zarf.variables, e.g. variables = { DB_PASSWORD = "..." }.',
    );
  });

  test('a value that does not match the variable\'s pattern is an error', () => {
    expect(() => packageTemplates(PACKAGE, { DB_PASSWORD: 'p', REPLICAS: 'three' })).toThrow(
      'the value of package variable REPLICAS does not match its pattern ^[0-9]+$. Set a matching value in zarf.variables.',
    );
  });
});
