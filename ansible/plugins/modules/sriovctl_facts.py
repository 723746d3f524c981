#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: 2026 sriovctl developers
# Apache License 2.0 (see packaging/deb/copyright)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: sriovctl_facts
short_description: The node's SR-IOV NICs, VFs, Open vSwitch and bonds as facts (sriovctl discover)
description:
  - Runs C(sriovctl discover -o json) on the node and returns it as the fact C(sriovctl)
    (C(ansible_facts.sriovctl)). The shape is sriovctl's (DESIGN section 4, docs/snapshot.md) -
    C(hostname), C(iommu), C(nics[].pfs[].vfs[]), C(ovs), C(bonds).
  - Changes nothing; runs in check mode too.
version_added: 0.1.0
author:
  - sriovctl developers
extends_documentation_fragment:
  - sriovctl.sriovctl.sriovctl
attributes:
  check_mode:
    support: full
  diff_mode:
    support: none
  facts:
    support: full
seealso:
  - module: sriovctl.sriovctl.sriovctl_host
'''

EXAMPLES = r'''
- name: Discover the node
  sriovctl.sriovctl.sriovctl_facts:

- name: Show each PF with its VF count
  ansible.builtin.debug:
    msg: "{{ ansible_facts.sriovctl.nics | map(attribute='pfs') | flatten | map(attribute='numVfs') | list }}"
'''

RETURN = r'''
ansible_facts:
  description: Facts set on the host.
  returned: always
  type: dict
  contains:
    sriovctl:
      description: The output of C(sriovctl discover -o json).
      returned: always
      type: dict
      sample: {"hostname": "pve1", "iommu": {"enabled": true, "groups": 44}, "nics": [], "ovs": null, "bonds": []}
'''

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.sriovctl.sriovctl.plugins.module_utils.sriovctl import COMMON_ARGS, Sriovctl


def main():
    module = AnsibleModule(argument_spec=dict(COMMON_ARGS), supports_check_mode=True)
    cli = Sriovctl(module)
    found = cli.run_json(['discover', '-o', 'json'] + cli.host_args, 'sriovctl discover')[1]
    module.exit_json(changed=False, ansible_facts=dict(sriovctl=found))


if __name__ == '__main__':
    main()
