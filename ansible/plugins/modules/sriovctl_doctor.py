#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: 2026 sriovctl developers
# Apache License 2.0 (see packaging/deb/copyright)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: sriovctl_doctor
short_description: Check a Proxmox VE node's SR-IOV, switchdev, Open vSwitch and PCI mappings (sriovctl doctor)
description:
  - Runs C(sriovctl doctor -o json) on the node, against the spec when one is given (C(-f)), and returns
    every check (id, subject, status, evidence, fix; docs/checks.md).
  - With I(gate) (the default) a failed check fails the task - the health gate of the rollout role.
    Warnings and skipped checks never fail it.
  - Changes nothing; runs in check mode too.
version_added: 0.1.0
author:
  - sriovctl developers
options:
  spec:
    description: The spec as YAML text or a mapping, judged as C(sriovctl doctor -f) does.
    type: raw
  spec_file:
    description: Path of the spec on the node.
    type: path
  gate:
    description: Fail the task when a check fails.
    type: bool
    default: true
  node:
    description: This node's Proxmox VE node name (default - its hostname).
    type: str
  api:
    description:
      - The PVE API for the Proxmox checks (see M(sriovctl.sriovctl.sriovctl_pve)). Without it doctor reads
        the node's own /etc/pve.
    type: str
extends_documentation_fragment:
  - sriovctl.sriovctl.sriovctl
  - sriovctl.sriovctl.sriovctl.pve
attributes:
  check_mode:
    support: full
  diff_mode:
    support: none
seealso:
  - module: sriovctl.sriovctl.sriovctl_host
'''

EXAMPLES = r'''
- name: Health gate
  sriovctl.sriovctl.sriovctl_doctor:
    spec: "{{ lookup('ansible.builtin.file', 'sriovctl/cluster.yaml') }}"

- name: Report only
  sriovctl.sriovctl.sriovctl_doctor:
    gate: false
  register: doctor
'''

RETURN = r'''
doctor:
  description: The output of C(sriovctl doctor -o json), a list of C(checks).
  returned: success or when a check failed
  type: dict
failed_checks:
  description: The checks whose status is fail, each as id, subject in parentheses, colon, evidence.
  returned: always
  type: list
  elements: str
passed:
  description: Whether no check failed (doctor exit 0). A non-zero C(rc) is returned only on failure, since Ansible fails any task returning one.
  returned: always
  type: bool
rc:
  description: The exit code of sriovctl doctor.
  returned: failure
  type: int
'''

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.sriovctl.sriovctl.plugins.module_utils.sriovctl import (
    COMMON_ARGS, FAILED, OK, PVE_ARGS, Sriovctl, doctor, gate_message, spec_file)


def main():
    argument_spec = dict(
        spec=dict(type='raw'),
        spec_file=dict(type='path'),
        gate=dict(type='bool', default=True),
        node=dict(type='str'),
    )
    argument_spec.update(COMMON_ARGS)
    argument_spec.update(PVE_ARGS)
    module = AnsibleModule(argument_spec=argument_spec, mutually_exclusive=[('spec', 'spec_file')], supports_check_mode=True)
    path, shown = spec_file(module)
    cli = Sriovctl(module, replace={path: shown} if shown else None)
    rc, report, failed = doctor(cli, module.params, path)
    if rc == FAILED and module.params['gate']:
        module.fail_json(msg=gate_message(failed), rc=rc, failed_checks=failed, doctor=report)
    module.exit_json(changed=False, doctor=report, failed_checks=failed, passed=rc == OK)


if __name__ == '__main__':
    main()
