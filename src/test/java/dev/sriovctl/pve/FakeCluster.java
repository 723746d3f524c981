package dev.sriovctl.pve;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The state and handlers of a PVE cluster, for the endpoints sriovctl uses, written from the PVE
 * sources (not invented):
 * <ul>
 * <li>{@code /cluster/mapping/pci[/{id}]}: pve-manager PVE/API2/Cluster/Mapping/PCI.pm (list
 *     filtered by any of Mapping.Modify/Use/Audit on /mapping/pci/ID; POST needs Mapping.Modify on
 *     the parent /mapping/pci and dies "pci ID 'x' already defined"; PUT needs it on the id, checks
 *     the digest first with PVE::Tools::assert_if_modified, requires {@code map} (check_config with
 *     create=1) and replaces the list; errors are wrapped by lock_pci_config as "update hardware
 *     mapping failed: ..."); entry format from pve-guest-common src/PVE/Mapping/PCI.pm $map_fmt;
 *     the digest is the SHA-1 of pci.cfg, written as pve-common SectionConfig.pm does.</li>
 * <li>{@code /cluster/resources}, {@code /cluster/status}: pve-manager PVE/API2/Cluster.pm (VMs
 *     listed only with VM.Audit; status needs Sys.Audit on /; the answering node has local=1).</li>
 * <li>{@code /nodes/{node}/qemu/{vmid}/config}: qemu-server src/PVE/API2/Qemu.pm (GET applies pending
 *     changes unless current=1; PUT/POST need any VM.Config.* on /vms/ID, check_hostpci_perm: root
 *     only for host=, Mapping.Use on the mapping plus VM.Config.HWType for mapping=; the digest
 *     is checked; a running VM gets the change in [PENDING], since vmconfig_hotplug_pending cannot
 *     hotplug hostpci).</li>
 * <li>Permission errors: pve-access-control RPCEnvironment.pm {@code check}/{@code check_any} and
 *     pve-common Exception.pm {@code raise_perm_exc}: 403 "Permission check failed (PATH, PRIV)";
 *     parameter errors: raise_param_exc, 400 "Parameter verification failed." with errors; a
 *     plain die is 500; an unknown method/path 501 "Method 'M /path' not implemented"
 *     (pve-http-server AnyEvent.pm rest_handler).</li>
 * </ul>
 * ACLs are given per token (privilege separation, user ∩ token, is not modelled: the user is
 * assumed to have everything). {@code root@pam} (pvesh) passes every check.
 */
public final class FakeCluster {

    public static final String ROOT = "root@pam";
    public static final Set<String> MAPPING_ADMIN = Set.of("Mapping.Modify", "Mapping.Use", "Mapping.Audit"); // pve-access-control AccessControl.pm
    public static final Set<String> MAPPING_USER = Set.of("Mapping.Use", "Mapping.Audit");
    public static final Set<String> AUDITOR = Set.of("Sys.Audit", "VM.Audit", "Mapping.Audit", "Datastore.Audit", "Pool.Audit", "SDN.Audit");
    public static final Set<String> VM_ADMIN = Set.of("VM.Audit", "VM.Config.HWType", "VM.Config.Options", "VM.Config.Disk", "VM.Config.Network",
            "VM.Config.CPU", "VM.Config.Memory", "VM.Config.CDROM", "VM.Config.Cloudinit", "VM.PowerMgmt", "VM.Console");
    private static final List<String> VM_CONFIG_PRIVS = List.of("VM.Config.Disk", "VM.Config.CDROM", "VM.Config.CPU", "VM.Config.Memory",
            "VM.Config.Network", "VM.Config.HWType", "VM.Config.Options", "VM.Config.Cloudinit");

    /** A handler's answer: data on 200, or an error with message and per-parameter errors. */
    public record Answer(int status, String message, Map<String, String> errors, Object data) {
        static Answer ok(Object data) {
            return new Answer(200, null, Map.of(), data);
        }
    }

    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final Map<String, String> errors;

        Failure(int status, String message, Map<String, String> errors) {
            super(message);
            this.status = status;
            this.errors = errors;
        }
    }

    public static final class MappingCfg {
        public String description;
        public boolean mdev;
        public List<String> map = new ArrayList<>();
    }

    public static final class Vm {
        public int vmid;
        public String node;
        public String type = "qemu";
        public boolean running;
        public boolean template;
        public final LinkedHashMap<String, String> conf = new LinkedHashMap<>();
        public final LinkedHashMap<String, String> pending = new LinkedHashMap<>();
    }

    private record Acl(String path, Set<String> privs) {
    }

    public final List<String> nodes = new ArrayList<>();
    public String localNode;
    public final Map<String, MappingCfg> mappings = new LinkedHashMap<>();
    public final Map<Integer, Vm> vms = new TreeMap<>();
    /** Nodes pveproxy cannot reach: calls proxied there fail with 595 (pve-http-server proxy_request). */
    public final Set<String> offline = new LinkedHashSet<>();
    private final Map<String, List<Acl>> acls = new LinkedHashMap<>();
    /** Runs before a write takes the lock: lets a test change the state "meanwhile". Cleared after one use. */
    public volatile Consumer<FakeCluster> beforeWrite;

    public synchronized FakeCluster node(String name) {
        nodes.add(name);
        if (localNode == null) localNode = name;
        return this;
    }

    public synchronized MappingCfg mapping(String id, String description, String... map) {
        MappingCfg m = new MappingCfg();
        m.description = description;
        m.map.addAll(List.of(map));
        mappings.put(id, m);
        return m;
    }

    public synchronized Vm vm(int vmid, String node, String name, boolean running, String... confLines) {
        Vm v = new Vm();
        v.vmid = vmid;
        v.node = node;
        v.running = running;
        v.conf.put("name", name);
        for (String l : confLines) {
            int c = l.indexOf(':');
            v.conf.put(l.substring(0, c).strip(), l.substring(c + 1).strip());
        }
        vms.put(vmid, v);
        return v;
    }

    public synchronized void grant(String user, String path, Set<String> privs) {
        acls.computeIfAbsent(user, k -> new ArrayList<>()).add(new Acl(path, Set.copyOf(privs)));
    }

    /** ACLs propagate to sub-paths (the default 'propagate 1'). */
    boolean has(String user, String path, String priv) {
        if (ROOT.equals(user)) return true;
        for (Acl a : acls.getOrDefault(user, List.of())) {
            boolean applies = a.path.equals("/") || path.equals(a.path) || path.startsWith(a.path + "/");
            if (applies && a.privs.contains(priv)) return true;
        }
        return false;
    }

    private void check(String user, String path, String priv) {
        if (!has(user, path, priv)) throw new Failure(403, "Permission check failed (" + path + ", " + priv + ")\n", Map.of());
    }

    private void checkAny(String user, String path, List<String> privs) {
        for (String p : privs) if (has(user, path, p)) return;
        throw new Failure(403, "Permission check failed (" + path + ", " + String.join("|", privs) + ")\n", Map.of());
    }

    // ---- dispatch ------------------------------------------------------------------------------

    private static final Pattern MAPPING_ID = Pattern.compile("/cluster/mapping/pci/([^/]+)");
    private static final Pattern VM_CONFIG = Pattern.compile("/nodes/([^/]+)/qemu/(\\d+)/config");

    public synchronized Answer handle(String method, String path, Map<String, List<String>> params, String user) {
        try {
            return Answer.ok(route(method, path, params, user));
        } catch (Failure f) {
            return new Answer(f.status, f.getMessage(), f.errors, null);
        }
    }

    private Object route(String method, String path, Map<String, List<String>> p, String user) {
        Matcher m;
        if (method.equals("GET") && path.equals("/version")) return Map.of("version", "8.4.1", "release", "8.4", "repoid", "2a5fa54a8503f96d");
        if (method.equals("GET") && path.equals("/nodes")) return nodesIndex();
        if (method.equals("GET") && path.equals("/cluster/status")) {
            check(user, "/", "Sys.Audit");
            return clusterStatus();
        }
        if (method.equals("GET") && path.equals("/cluster/resources")) return resources(user, one(p, "type"));
        if (method.equals("GET") && path.equals("/cluster/mapping/pci")) return mappingList(user);
        if (method.equals("POST") && path.equals("/cluster/mapping/pci")) return mappingCreate(user, p);
        if ((m = MAPPING_ID.matcher(path)).matches()) {
            if (method.equals("GET")) return mappingGet(user, m.group(1));
            if (method.equals("PUT")) return mappingUpdate(user, m.group(1), p);
        }
        if ((m = VM_CONFIG.matcher(path)).matches()) {
            if (offline.contains(m.group(1))) throw new Failure(595, "Errors during connection establishment, proxy handler: No route to host\n", Map.of());
            Vm vm = vmOn(m.group(1), Integer.parseInt(m.group(2)));
            if (method.equals("GET")) {
                check(user, "/vms/" + vm.vmid, "VM.Audit");
                return vmConfig(vm, "1".equals(one(p, "current")));
            }
            if (method.equals("PUT") || method.equals("POST")) {
                vmUpdate(user, vm, p);
                return method.equals("POST") ? "UPID:" + vm.node + ":0000AAAA:0000BBBB:66000000:qmconfig:" + vm.vmid + ":" + user + ":" : null;
            }
        }
        throw new Failure(501, "Method '" + method + " " + path + "' not implemented", Map.of());
    }

    private static String one(Map<String, List<String>> p, String key) {
        List<String> v = p.get(key);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private List<Object> nodesIndex() {
        List<Object> out = new ArrayList<>();
        for (String n : nodes) out.add(Map.of("node", n, "status", "online", "type", "node", "id", "node/" + n, "level", ""));
        return out;
    }

    private List<Object> clusterStatus() {
        List<Object> out = new ArrayList<>();
        out.add(Map.of("type", "cluster", "id", "cluster", "name", "lab", "nodes", nodes.size(), "quorate", 1, "version", 3));
        int id = 1;
        for (String n : nodes) {
            out.add(Map.of("type", "node", "id", "node/" + n, "name", n, "nodeid", id++, "local", n.equals(localNode) ? 1 : 0,
                    "online", 1, "ip", "192.0.2." + id, "level", ""));
        }
        return out;
    }

    private List<Object> resources(String user, String type) {
        List<Object> out = new ArrayList<>();
        if (type != null && !type.equals("vm")) return out;
        for (Vm v : vms.values()) {
            if (!has(user, "/vms/" + v.vmid, "VM.Audit")) continue;
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("id", v.type + "/" + v.vmid);
            e.put("type", v.type);
            e.put("vmid", v.vmid);
            e.put("node", v.node);
            e.put("name", v.conf.get("name"));
            e.put("status", v.running ? "running" : "stopped");
            e.put("template", v.template ? 1 : 0);
            e.put("maxmem", 2147483648L);
            out.add(e);
        }
        return out;
    }

    // ---- mappings ------------------------------------------------------------------------------

    private static final List<String> SEE = List.of("Mapping.Modify", "Mapping.Use", "Mapping.Audit");

    private List<Object> mappingList(String user) {
        List<Object> out = new ArrayList<>();
        String digest = pciCfgDigest();
        mappings.forEach((id, m) -> {
            if (SEE.stream().noneMatch(p -> has(user, "/mapping/pci/" + id, p))) return;
            Map<String, Object> e = mappingJson(m);
            e.put("id", id);
            e.put("digest", digest);
            out.add(e);
        });
        return out;
    }

    private Object mappingGet(String user, String id) {
        if (SEE.stream().noneMatch(p -> has(user, "/mapping/pci/" + id, p))) throw new Failure(403, "Permission check failed\n", Map.of());
        MappingCfg m = mappings.get(id);
        if (m == null) throw new Failure(500, "mapping '" + id + "' not found\n", Map.of());
        Map<String, Object> e = mappingJson(m);
        e.put("digest", pciCfgDigest());
        return e;
    }

    private static Map<String, Object> mappingJson(MappingCfg m) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", "pci");
        e.put("map", List.copyOf(m.map));
        if (m.description != null) e.put("description", m.description);
        if (m.mdev) e.put("mdev", 1);
        return e;
    }

    private Object mappingCreate(String user, Map<String, List<String>> p) {
        check(user, "/mapping/pci", "Mapping.Modify");
        String id = one(p, "id");
        Map<String, String> errors = new TreeMap<>();
        if (id == null) errors.put("id", "property is missing and it is not optional");
        else if (!id.matches("(?i)[a-z][a-z0-9_-]+")) errors.put("id", "invalid format - invalid configuration ID '" + id + "'");
        validateMapping(p, errors);
        if (!errors.isEmpty()) throw new Failure(400, "Parameter verification failed.\n", errors);
        runBeforeWrite();
        if (mappings.containsKey(id)) throw new Failure(500, "create hardware mapping failed: pci ID '" + id + "' already defined\n", Map.of());
        MappingCfg m = new MappingCfg();
        m.map.addAll(p.get("map"));
        m.description = one(p, "description");
        m.mdev = "1".equals(one(p, "mdev"));
        mappings.put(id, m);
        return null;
    }

    private Object mappingUpdate(String user, String id, Map<String, List<String>> p) {
        check(user, "/mapping/pci/" + id, "Mapping.Modify");
        Map<String, String> errors = new TreeMap<>();
        validateMapping(p, errors);
        if (!errors.isEmpty()) throw new Failure(400, "Parameter verification failed.\n", errors);
        runBeforeWrite();
        String digest = one(p, "digest");
        if (digest != null && !digest.isEmpty() && !digest.equals(pciCfgDigest())) {
            throw new Failure(500, "update hardware mapping failed: detected modified configuration - file changed by other user? Try again.\n", Map.of());
        }
        MappingCfg m = mappings.get(id);
        if (m == null) throw new Failure(500, "update hardware mapping failed: pci ID '" + id + "' does not exist\n", Map.of());
        m.map = new ArrayList<>(p.get("map"));
        if (p.containsKey("description")) m.description = one(p, "description");
        if (p.containsKey("mdev")) m.mdev = "1".equals(one(p, "mdev"));
        return null;
    }

    private static final Pattern NODE = Pattern.compile("[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?");

    /** PCI.pm's schema: map is required (create=1 on POST and PUT), each element per $map_fmt. */
    private static void validateMapping(Map<String, List<String>> p, Map<String, String> errors) {
        List<String> map = p.get("map");
        if (map == null || map.isEmpty()) {
            errors.put("map", "property is missing and it is not optional");
            return;
        }
        for (String s : map) {
            Map<String, String> kv;
            try {
                kv = PropertyString.parse(s, null);
            } catch (IllegalArgumentException e) {
                errors.put("map", "invalid format - " + e.getMessage());
                return;
            }
            String problem = null;
            for (String k : kv.keySet()) if (!Set.of("node", "path", "id", "subsystem-id", "iommugroup", "description").contains(k)) problem = "property '" + k + "' not allowed";
            if (kv.get("node") == null || kv.get("path") == null || kv.get("id") == null) problem = "missing node, path or id";
            else if (!NODE.matcher(kv.get("node")).matches()) problem = "node: value does not match the regex pattern";
            else if (!MapEntry.PATH.matcher(kv.get("path")).matches()) problem = "path: value does not match the regex pattern";
            else if (!MapEntry.VENDOR_DEVICE.matcher(kv.get("id")).matches()) problem = "id: value does not match the regex pattern";
            else if (kv.get("subsystem-id") != null && !MapEntry.VENDOR_DEVICE.matcher(kv.get("subsystem-id")).matches()) problem = "subsystem-id: value does not match the regex pattern";
            else if (kv.get("iommugroup") != null && !kv.get("iommugroup").matches("-?\\d+")) problem = "iommugroup: type check ('integer') failed";
            if (problem != null) {
                errors.put("map", "invalid format - " + problem);
                return;
            }
        }
    }

    private void runBeforeWrite() {
        Consumer<FakeCluster> hook = beforeWrite;
        beforeWrite = null;
        if (hook != null) hook.accept(this);
    }

    /** pci.cfg as SectionConfig writes it: id line, tab-indented properties (map first), blank line. */
    public synchronized String pciCfg() {
        StringBuilder sb = new StringBuilder();
        mappings.forEach((id, m) -> {
            sb.append(id).append('\n');
            for (String e : m.map) sb.append("\tmap ").append(e).append('\n');
            if (m.description != null) sb.append("\tdescription ").append(m.description).append('\n');
            if (m.mdev) sb.append("\tmdev 1\n");
            sb.append('\n');
        });
        return sb.toString();
    }

    String pciCfgDigest() {
        return sha1(pciCfg());
    }

    // ---- VMs -----------------------------------------------------------------------------------

    private Vm vmOn(String node, int vmid) {
        Vm vm = vms.get(vmid);
        if (vm == null || !vm.node.equals(node) || !vm.type.equals("qemu")) {
            throw new Failure(500, "Configuration file 'nodes/" + node + "/qemu-server/" + vmid + ".conf' does not exist\n", Map.of());
        }
        return vm;
    }

    private Map<String, Object> vmConfig(Vm vm, boolean current) {
        Map<String, Object> out = new LinkedHashMap<>();
        vm.conf.forEach(out::put);
        if (!current) out.putAll(vm.pending);
        if (out.containsKey("cores")) out.put("cores", Integer.parseInt(String.valueOf(out.get("cores")))); // numbers come as JSON numbers
        out.put("digest", sha1(vmFile(vm)));
        return out;
    }

    private static final Pattern HOSTPCI = Pattern.compile("hostpci(\\d+)");

    private void vmUpdate(String user, Vm vm, Map<String, List<String>> p) {
        checkAny(user, "/vms/" + vm.vmid, VM_CONFIG_PRIVS);
        Map<String, String> errors = new TreeMap<>();
        Map<String, String> set = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : p.entrySet()) {
            String k = e.getKey();
            if (k.equals("digest")) continue;
            Matcher m = HOSTPCI.matcher(k);
            if (!m.matches() || Integer.parseInt(m.group(1)) > 15) {
                errors.put(k, "property is not defined in schema and the schema does not allow additional properties");
                continue;
            }
            String v = e.getValue().get(0);
            try {
                HostPci h = HostPci.parse(Integer.parseInt(m.group(1)), v);
                if (h.host() != null && h.mapping() != null) errors.put(k, "Cannot set both 'host' and 'mapping'.");
                else if (h.mapping() != null && !h.mapping().matches("(?i)[a-z][a-z0-9_-]+")) errors.put(k, "invalid format - invalid configuration ID '" + h.mapping() + "'");
            } catch (IllegalArgumentException ex) {
                errors.put(k, "invalid format - " + ex.getMessage());
            }
            set.put(k, v);
        }
        if (!errors.isEmpty()) throw new Failure(400, "Parameter verification failed.\n", errors);
        for (Map.Entry<String, String> e : set.entrySet()) { // check_hostpci_perm
            if (ROOT.equals(user)) continue;
            HostPci h = HostPci.parse(0, e.getValue());
            if (h.host() != null) throw new Failure(500, "only root can set '" + e.getKey() + "' config for non-mapped devices\n", Map.of());
            check(user, "/mapping/pci/" + h.mapping(), "Mapping.Use");
            check(user, "/vms/" + vm.vmid, "VM.Config.HWType");
        }
        runBeforeWrite();
        String digest = one(p, "digest");
        if (digest != null && !digest.isEmpty() && !digest.equals(sha1(vmFile(vm)))) {
            throw new Failure(500, "detected modified configuration - file changed by other user? Try again.\n", Map.of());
        }
        if (vm.running) vm.pending.putAll(set);
        else vm.conf.putAll(set);
    }

    /** The VM's config file as qemu-server writes it: "key: value" lines, then a [PENDING] section. */
    static String vmFile(Vm vm) {
        StringBuilder sb = new StringBuilder();
        vm.conf.forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
        if (!vm.pending.isEmpty()) {
            sb.append("\n[PENDING]\n");
            vm.pending.forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
        }
        return sb.toString();
    }

    static String sha1(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder();
            for (byte b : d) sb.append(String.format("%02x", b & 0xff));
            return sb.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Everything a VM will have after its next start from Proxmox (pending applied). */
    public synchronized Map<String, String> effective(int vmid) {
        Vm vm = vms.get(vmid);
        Map<String, String> out = new LinkedHashMap<>(vm.conf);
        out.putAll(vm.pending);
        return out;
    }

    public synchronized Set<String> hostpciKeys(int vmid) {
        Set<String> s = new LinkedHashSet<>();
        for (String k : effective(vmid).keySet()) if (HOSTPCI.matcher(k).matches()) s.add(k);
        return s;
    }
}
