/**
 * Commands that disturb shared infrastructure. A test case that runs one
 * needs a CAUTION box before its Steps; the ones that restart the storage
 * server itself need DANGER. Matching is on parsed shell words, so
 * `ssh admin@10.42.241.3 '/system/reboot'` is seen as `/system/reboot`.
 */
import type { DisruptiveCommand } from './types';

export const DEFAULT_DISRUPTIVE_COMMANDS: DisruptiveCommand[] = [
  // Adding a DROP/REJECT rule cuts traffic; deleting one (-D, in Cleanup) restores it.
  { name: 'iptables -A ... -j DROP', program: 'iptables', args: ['-A', '-j', 'DROP'], requires: 'caution' },
  { name: 'iptables -I ... -j DROP', program: 'iptables', args: ['-I', '-j', 'DROP'], requires: 'caution' },
  { name: 'iptables -A ... -j REJECT', program: 'iptables', args: ['-A', '-j', 'REJECT'], requires: 'caution' },
  { name: 'iptables -I ... -j REJECT', program: 'iptables', args: ['-I', '-j', 'REJECT'], requires: 'caution' },
  { name: 'kubectl drain', program: 'kubectl', args: ['drain'], requires: 'caution' },
  { name: 'kubectl delete node', program: 'kubectl', args: ['delete', 'node'], requires: 'caution' },
  { name: 'kubectl delete --force', program: 'kubectl', args: ['delete', '--force'], requires: 'caution' },
  { name: 'nvme disconnect', program: 'nvme', args: ['disconnect'], requires: 'caution' },
  { name: 'nvme disconnect-all', program: 'nvme', args: ['disconnect-all'], requires: 'caution' },
  { name: 'RouterOS /system/reboot', program: '/system/reboot', requires: 'danger' },
  { name: 'RouterOS /system/shutdown', program: '/system/shutdown', requires: 'danger' },
  // RouterOS also accepts the menu and the command as separate words.
  { name: 'RouterOS /system reboot', program: '/system', args: ['reboot'], requires: 'danger' },
  { name: 'RouterOS /system shutdown', program: '/system', args: ['shutdown'], requires: 'danger' },
  { name: 'reboot', program: 'reboot', requires: 'caution' },
  { name: 'systemctl restart', program: 'systemctl', args: ['restart'], requires: 'caution' },
];
