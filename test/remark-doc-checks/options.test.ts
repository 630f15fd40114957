import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDriverSourceOptions } from '../../plugins/remark-doc-checks/options';

const SITE = path.resolve(__dirname, '../..');

describe('driver source options', () => {
  it('defaults to the public driver repository at the pinned commit, and no source checkout', () => {
    expect(readDriverSourceOptions({}, SITE)).toEqual({
      driverRepository: 'https://github.com/3whiskeywhiskey/rds-csi',
      driverRef: '97597243f9a0087965fe22dd3c5a22db72988562',
    });
  });

  it('takes RDS_CSI_REPO, RDS_CSI_REF and RDS_CSI_SOURCE (relative to the site)', () => {
    const env = { RDS_CSI_REPO: 'https://github.com/someone/fork/', RDS_CSI_REF: 'feature/x', RDS_CSI_SOURCE: 'test/fixtures/driver-src' };
    expect(readDriverSourceOptions(env, SITE)).toEqual({
      driverRepository: 'https://github.com/someone/fork',
      driverRef: 'feature/x',
      driverSourceRoot: path.join(SITE, 'test/fixtures/driver-src'),
    });
  });

  it.each([
    [{ RDS_CSI_REPO: 'github.com/x/y' }, 'driverRepository (RDS_CSI_REPO): `github.com/x/y` is not a repository URL; expected https://host/owner/name'],
    [{ RDS_CSI_REPO: 'https://github.com/x y/z' }, 'driverRepository (RDS_CSI_REPO): `https://github.com/x y/z` is not a repository URL; expected https://host/owner/name'],
    [{ RDS_CSI_REF: 'a b' }, "driverRef (RDS_CSI_REF): `a b` is not a branch, tag or commit name; expected letters, digits, '.', '_', '-' and '/'"],
    [{ RDS_CSI_REF: 'x/../y' }, "driverRef (RDS_CSI_REF): `x/../y` is not a branch, tag or commit name; expected letters, digits, '.', '_', '-' and '/'"],
    [{ RDS_CSI_SOURCE: 'package.json' }, 'driverSourceRoot (RDS_CSI_SOURCE): `package.json` is not a directory; expected a checkout of the driver source'],
  ])('rejects %j naming the setting', (env, message) => {
    expect(() => readDriverSourceOptions(env, SITE)).toThrow(message);
  });
});
