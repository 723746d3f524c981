package dev.sriovctl.verify;

import dev.sriovctl.observe.PackageFile;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ovs-ctl-unpatched: no file of the Open vSwitch packages was modified, compared with dpkg's md5sums the
 * way {@code dpkg --verify} does. A modified packaged file (the guide patches ovs-ctl) is replaced without
 * a question by the next package update, and the setting it carried is lost.
 */
final class OvsCtlUnpatchedCheck extends DescribedCheck {

    OvsCtlUnpatchedCheck() {
        super("ovs-ctl-unpatched", CheckArea.OVS,
                "no file installed by the openvswitch packages differs from its dpkg md5sum (an update would silently revert it)",
                "/var/lib/dpkg/info/openvswitch-*.md5sums and the files they list");
    }

    @Override
    public List<CheckResult> run(DoctorContext ctx) {
        Observed<Map<String, List<PackageFile>>> pkgs = ctx.ovsPackageFiles();
        if (!pkgs.present()) return List.of(skip("openvswitch packages", pkgs.missing()));
        List<CheckResult> out = new ArrayList<>();
        int same = 0, absent = 0;
        for (Map.Entry<String, List<PackageFile>> e : pkgs.value().entrySet()) {
            for (PackageFile f : e.getValue()) {
                Optional<byte[]> data = ctx.host().readBytes(f.path());
                if (data.isEmpty()) {
                    absent++;
                    continue;
                }
                String md5 = md5(data.get());
                if (md5.equals(f.md5())) {
                    same++;
                    continue;
                }
                out.add(fail(f.path(), "MD5 " + md5 + " of " + ctx.host().originOfFile(f.path()) + " differs from " + f.md5()
                                + " that package " + e.getKey() + " installed (" + pkgs.origin() + "): the file was edited, and the next "
                                + e.getKey() + " update replaces it without asking",
                        CheckResult.fix("sriovctl apply -f spec.yaml keeps hw-offload and tc-policy in the OVS database, which survives updates",
                                "apt-get install --reinstall " + e.getKey() + " restores the packaged " + f.path() + "; put local settings in the OVS database instead")));
            }
        }
        if (!out.isEmpty()) return out;
        String missing = absent == 0 ? "" : "; " + absent + " listed file(s) not "
                + (ctx.host().mutable() ? "present" : "recorded (capture keeps only the scripts and units people patch)");
        if (same == 0) return List.of(skip("openvswitch packages", "none of the files listed in " + pkgs.origin() + " could be read" + missing));
        return List.of(pass("openvswitch packages", same + " file(s) of " + String.join(", ", pkgs.value().keySet())
                + " match their md5sums (" + pkgs.origin() + ")" + missing));
    }

    static String md5(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java runtime", e);
        }
    }
}
