package io.kizuna.policy;

import java.math.BigInteger;
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
        if (address == null || !isLiteral(address)) {
            return false;
        }
        byte[] candidate;
        try {
            candidate = literal(address);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (candidate.length != network.length) {
            return false;
        }
        int bits = network.length * 8;
        BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
        return new BigInteger(1, candidate).and(mask).equals(new BigInteger(1, network).and(mask));
    }

    /**
     * A dotted-quad IPv4 address or something with a colon (IPv6): anything else, even hex digits only
     * ({@code cafe}), would make {@link InetAddress#getByName} ask the DNS.
     */
    private static boolean isLiteral(String address) {
        return address.matches("\\d{1,3}(\\.\\d{1,3}){3}") || address.matches("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");
    }

    private static byte[] literal(String address) {
        try {
            // only literals reach here (checked above), so no name resolution takes place
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + address, e);
        }
    }
}
