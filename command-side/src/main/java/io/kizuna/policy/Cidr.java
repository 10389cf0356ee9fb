package io.kizuna.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 or IPv6 network in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}, or a single address). */
public record Cidr(byte[] network, int prefix) {

    public static Cidr parse(String text) {
        String value = text.strip();
        int slash = value.indexOf('/');
        String address = slash < 0 ? value : value.substring(0, slash);
        if (!isLiteral(address)) {
            throw new IllegalArgumentException("not an IP address (no host names): " + text);
        }
        byte[] bytes = literal(address);
        int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(value.substring(slash + 1));
        if (prefix < 0 || prefix > bytes.length * 8) {
            throw new IllegalArgumentException("prefix out of range: " + text);
        }
        return new Cidr(bytes, prefix);
    }

    public boolean contains(String address) {
        return contains(addressOf(address));
    }

    /**
     * The bytes of an IP literal, or null for anything else (never a DNS lookup): parse a sign-in's source
     * address once and match it against every network with {@link #contains(byte[])}.
     */
    public static byte[] addressOf(String address) {
        if (address == null || !isLiteral(address)) {
            return null;
        }
        try {
            return literal(address);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Whether the first {@code prefix} bits of {@code candidate} are the network's; false for null or another family. */
    public boolean contains(byte[] candidate) {
        if (candidate == null || candidate.length != network.length) {
            return false;
        }
        int whole = prefix / 8;
        for (int i = 0; i < whole; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (candidate[whole] & mask) == (network[whole] & mask);
    }

    /**
     * A dotted quad with octets up to 255, or something with a colon (IPv6, parsed in brackets): anything
     * else — hex-only words ({@code cafe}), {@code 10.0.0.300} — would make {@link InetAddress#getByName}
     * ask the DNS.
     */
    private static boolean isLiteral(String address) {
        if (address.contains(":")) {
            return address.matches("[0-9a-fA-F:.]+");
        }
        if (!address.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return false;
        }
        for (String octet : address.split("\\.")) {
            if (Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    private static byte[] literal(String address) {
        try {
            // only literals reach here (checked above); an IPv6 one in brackets is never looked up by name
            return InetAddress.getByName(address.contains(":") ? "[" + address + "]" : address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + address, e);
        }
    }
}
