package dev.sriovctl.observe;

/** One line of a dpkg {@code .md5sums} file: the MD5 of a file the package installed, and its absolute path. */
public record PackageFile(String md5, String path) {
}
