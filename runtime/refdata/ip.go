package refdata

// nonPublic lists the IPv4 blocks that are not globally routable unicast (RFC 6890 and friends).
var nonPublic = [...]struct{ base, mask uint32 }{
	{0x00000000, 0xFF000000}, // 0.0.0.0/8 "this network"
	{0x0A000000, 0xFF000000}, // 10.0.0.0/8 private
	{0x64400000, 0xFFC00000}, // 100.64.0.0/10 shared address space (CGN)
	{0x7F000000, 0xFF000000}, // 127.0.0.0/8 loopback
	{0xA9FE0000, 0xFFFF0000}, // 169.254.0.0/16 link local
	{0xAC100000, 0xFFF00000}, // 172.16.0.0/12 private
	{0xC0000000, 0xFFFFFF00}, // 192.0.0.0/24 IETF protocol assignments
	{0xC0000200, 0xFFFFFF00}, // 192.0.2.0/24 TEST-NET-1
	{0xC0586300, 0xFFFFFF00}, // 192.88.99.0/24 6to4 relay anycast (deprecated)
	{0xC0A80000, 0xFFFF0000}, // 192.168.0.0/16 private
	{0xC6120000, 0xFFFE0000}, // 198.18.0.0/15 benchmarking
	{0xC6336400, 0xFFFFFF00}, // 198.51.100.0/24 TEST-NET-2
	{0xCB007100, 0xFFFFFF00}, // 203.0.113.0/24 TEST-NET-3
	{0xE0000000, 0xF0000000}, // 224.0.0.0/4 multicast
	{0xF0000000, 0xF0000000}, // 240.0.0.0/4 reserved, includes 255.255.255.255 broadcast
}

// IsPublicIPv4 reports whether ip (big-endian uint32, a.b.c.d = a<<24|b<<16|c<<8|d) is a globally
// routable unicast address.
func IsPublicIPv4(ip uint32) bool {
	for _, n := range nonPublic {
		if ip&n.mask == n.base {
			return false
		}
	}
	return true
}
