import { z } from 'zod';
import { zOrg } from './org';
import { zSelf } from './participant';
import { zRole } from './token';

export const zMe = z.object({ participant: zSelf, role: zRole, org: zOrg }).meta({ id: 'Me' });
export type Me = z.infer<typeof zMe>;
