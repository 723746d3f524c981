#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: 2026 sriovctl developers
# Apache License 2.0 (see packaging/deb/copyright)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: sriovctl_pve
short_description: Proxmox VE PCI mappings of a node's VFs, and the VMs using them (sriovctl pve)
description:
  - I(command=status) runs C(sriovctl pve status -o json) - per mapping and node, the VFs, the VMs whose
    configuration uses them (with their status) and, on this node, the VM holding each VF now. It
    changes nothing.
  - I(command=map) runs C(sriovctl pve map -o json) - creates or updates the cluster PCI mapping
    I(mapping) with one entry per VF of this node, every value from discovery, keeping other nodes'
    entries. Check mode uses C(--dry-run); diff mode shows the mapping's entries before and after.
  - Reaches the PVE API with an API token (I(api), I(token_id) and the secret from I(token_secret)
    or I(token_file)), or, without them, through C(pvesh) on the node as root. The secret is passed to
    sriovctl in its environment, never on a command line (docs/proxmox.md).
version_added: 0.1.0
author:
  - sriovctl developers
options:
  command:
    description: C(status) or C(map).
    type: str
    choices: [status, map]
    default: status
  mapping:
    description: The mapping id (required for C(map); for C(status) only this mapping).
    type: str
  vfs:
    description: For C(map), only VFs whose PCI address, representor or PF/vfN matches these globs (C(--vfs)).
    type: list
    elements: str
    default: []
  pfs:
    description: For C(map), only VFs of these PFs, netdev or PCI address (C(--pf)).
    type: list
    elements: str
    default: []
  description:
    description: For C(map), the mapping's description.
    type: str
  node:
    description: This node's PVE node name (default - its hostname).
    type: str
  sim:
    description: A simulated host directory whose VFs are used instead of the node's (C(--sim DIR)).
    type: path
extends_documentation_fragment:
  - sriovctl.sriovctl.sriovctl
  - sriovctl.sriovctl.sriovctl.pve
attributes:
  check_mode:
    support: full
  diff_mode:
    support: full
seealso:
  - module: sriovctl.sriovctl.sriovctl_host
'''

EXAMPLES = r'''
- name: Which VMs use this node's VFs
  sriovctl.sriovctl.sriovctl_pve:
    command: status
  register: pve

- name: Put this node's VFs of port 0 into the mapping "network"
  sriovctl.sriovctl.sriovctl_pve:
    command: map
    mapping: network
    vfs: ['ovs-sw1pf0vf*']
    api: pve1.example.com
    token_id: sriovctl@pve!ops
    token_secret: "{{ vault_sriovctl_pve_token_secret }}"
    fingerprint: "{{ sriovctl_pve_fingerprint }}"
'''

RETURN = r'''
status:
  description: The output of C(sriovctl pve status -o json) (C(localNode), C(mappings[].nodes[].vms[]), C(entries[].heldBy)).
  returned: command is status
  type: dict
map:
  description: The output of C(sriovctl pve map -o json) (C(action), C(before), C(after), C(added), C(removed)).
  returned: command is map
  type: dict
rc:
  description: The exit code of sriovctl.
  returned: always
  type: int
'''

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.sriovctl.sriovctl.plugins.module_utils.sriovctl import COMMON_ARGS, PVE_ARGS, Sriovctl, pve_args

CHANGED = ('created', 'updated', 'would create', 'would update')


def main():
    argument_spec = dict(
        command=dict(type='str', choices=['status', 'map'], default='status'),
        mapping=dict(type='str'),
        vfs=dict(type='list', elements='str', default=[]),
        pfs=dict(type='list', elements='str', default=[]),
        description=dict(type='str'),
        node=dict(type='str'),
    )
    argument_spec.update(COMMON_ARGS)
    argument_spec.update(PVE_ARGS)
    module = AnsibleModule(argument_spec=argument_spec, required_if=[('command', 'map', ('mapping',))], supports_check_mode=True)
    p = module.params
    cli = Sriovctl(module)
    api_args, env = pve_args(p)
    args = ['pve', p['command'], '-o', 'json'] + api_args + cli.host_args
    if p['mapping']:
        args += ['--mapping', p['mapping']]
    if p['node']:
        args += ['--node', p['node']]

    if p['command'] == 'status':
        run, status = cli.run_json(args, 'sriovctl pve status', env=env)
        module.exit_json(changed=False, status=status, rc=run.rc)

    for glob in p['vfs']:
        args += ['--vfs', glob]
    for pf in p['pfs']:
        args += ['--pf', pf]
    if p['description']:
        args += ['--description', p['description']]
    if module.check_mode:
        args.append('--dry-run')
    run, mapped = cli.run_json(args, 'sriovctl pve map', env=env)
    result = dict(changed=mapped.get('action') in CHANGED, map=mapped, rc=run.rc)
    if module._diff:
        result['diff'] = dict(before_header='mapping %s' % p['mapping'], after_header='mapping %s' % p['mapping'],
                              before=''.join(e + '\n' for e in mapped.get('before') or []),
                              after=''.join(e + '\n' for e in mapped.get('after') or []))
    module.exit_json(**result)


if __name__ == '__main__':
    main()
