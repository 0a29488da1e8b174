-- SPDX-License-Identifier: GPL-2.0
-- Wireshark/tshark dissector for Tern (docs/PROTOCOL.md): IP protocol 253,
-- or TERN_PROTO. Installed by make install into Wireshark's global Lua
-- plugin folder (tshark -G folders); or: tshark -X lua_script:tern.lua
local tern = Proto("tern", "Tern Transport Protocol")

local flag_names = { [0x02] = "SYN", [0x10] = "ACK", [0x01] = "FIN",
		     [0x04] = "RST", [0x08] = "PSH" }
local flag_order = { 0x02, 0x01, 0x04, 0x08, 0x10 }
local option_names = { [0] = "EOL", [1] = "NOP", [2] = "MSS",
		       [4] = "SACK permitted", [5] = "SACK", [8] = "Timestamp" }

local f = tern.fields
f.srcport = ProtoField.uint16("tern.srcport", "Source Port", base.DEC)
f.dstport = ProtoField.uint16("tern.dstport", "Destination Port", base.DEC)
f.port = ProtoField.uint16("tern.port", "Port", base.DEC)
f.seq = ProtoField.uint32("tern.seq", "Sequence Number", base.DEC)
f.nxtseq = ProtoField.uint32("tern.nxtseq", "Next Sequence Number", base.DEC)
f.ack = ProtoField.uint32("tern.ack", "Acknowledgment Number", base.DEC)
f.hdr_len = ProtoField.uint8("tern.hdr_len", "Header Length (bytes)", base.DEC)
f.flags = ProtoField.uint8("tern.flags", "Flags", base.HEX)
f.flags_fin = ProtoField.bool("tern.flags.fin", "FIN", 8, nil, 0x01)
f.flags_syn = ProtoField.bool("tern.flags.syn", "SYN", 8, nil, 0x02)
f.flags_rst = ProtoField.bool("tern.flags.rst", "RST", 8, nil, 0x04)
f.flags_psh = ProtoField.bool("tern.flags.psh", "PSH", 8, nil, 0x08)
f.flags_ack = ProtoField.bool("tern.flags.ack", "ACK", 8, nil, 0x10)
f.flags_str = ProtoField.string("tern.flags.str", "Flags (names)")
f.checksum = ProtoField.uint16("tern.checksum", "Checksum", base.HEX)
f.window = ProtoField.uint32("tern.window", "Window", base.DEC)
f.len = ProtoField.uint32("tern.len", "Payload Length", base.DEC)
f.option = ProtoField.uint8("tern.option_kind", "Option", base.DEC, option_names)
f.option_len = ProtoField.uint8("tern.option_len", "Option Length", base.DEC)
f.mss = ProtoField.uint16("tern.options.mss", "MSS", base.DEC)
f.sack_perm = ProtoField.bool("tern.options.sack_perm", "SACK Permitted")
f.sack_le = ProtoField.uint32("tern.options.sack_le", "SACK Left Edge", base.DEC)
f.sack_re = ProtoField.uint32("tern.options.sack_re", "SACK Right Edge", base.DEC)
f.payload = ProtoField.bytes("tern.payload", "Payload")

local bad_header = ProtoExpert.new("tern.bad_header", "Bad header length",
				   expert.group.MALFORMED, expert.severity.ERROR)
tern.experts = { bad_header }

local function flags_string(flags)
	local names = {}
	for _, bit in ipairs(flag_order) do
		if bit32.band(bit, flags) ~= 0 then names[#names + 1] = flag_names[bit] end
	end
	return table.concat(names, ", ")
end

local function dissect_options(buf, tree)
	local off, stop = 20, buf:len()
	while off < stop do
		local kind = buf(off, 1):uint()
		if kind == 0 then
			tree:add(f.option, buf(off, 1))
			return
		end
		if kind == 1 then
			tree:add(f.option, buf(off, 1))
			off = off + 1
		else
			if off + 1 >= stop then return end
			local len = buf(off + 1, 1):uint()
			if len < 2 or off + len > stop then return end
			local opt = tree:add(f.option, buf(off, 1))
			opt:add(f.option_len, buf(off + 1, 1))
			if kind == 2 and len == 4 then
				opt:add(f.mss, buf(off + 2, 2))
			elseif kind == 4 then
				opt:add(f.sack_perm, buf(off, len), true)
			elseif kind == 5 then
				for b = off + 2, off + len - 8, 8 do
					opt:add(f.sack_le, buf(b, 4))
					opt:add(f.sack_re, buf(b + 4, 4))
				end
			end
			off = off + len
		end
	end
end

function tern.dissector(buf, pinfo, tree)
	if buf:len() < 20 then return 0 end
	local hlen = buf(12, 1):uint() * 4
	local flags = buf(13, 1):uint()
	local sport, dport = buf(0, 2):uint(), buf(2, 2):uint()
	local seq = buf(4, 4):uint()
	pinfo.cols.protocol = "Tern"
	local t = tree:add(tern, buf())
	t:add(f.srcport, buf(0, 2))
	t:add(f.dstport, buf(2, 2))
	t:add(f.port, buf(0, 2)):set_hidden()
	t:add(f.port, buf(2, 2)):set_hidden()
	t:add(f.seq, buf(4, 4))
	t:add(f.ack, buf(8, 4))
	local h = t:add(f.hdr_len, buf(12, 1), hlen)
	local fl = t:add(f.flags, buf(13, 1))
	for _, field in ipairs({ f.flags_fin, f.flags_syn, f.flags_rst,
				 f.flags_psh, f.flags_ack }) do
		fl:add(field, buf(13, 1))
	end
	fl:add(f.flags_str, buf(13, 1), flags_string(flags))
	t:add(f.checksum, buf(14, 2))
	t:add(f.window, buf(16, 4))
	if hlen < 20 or hlen > buf:len() then
		h:add_proto_expert_info(bad_header)
		return buf:len()
	end
	dissect_options(buf(0, hlen):tvb(), t)
	local len = buf:len() - hlen
	local syn_fin = (bit32.band(flags, 0x03) ~= 0) and 1 or 0
	t:add(f.len, len):set_generated()
	t:add(f.nxtseq, (seq + len + syn_fin) % 4294967296):set_generated()
	if len > 0 then t:add(f.payload, buf(hlen)) end
	pinfo.cols.info = string.format("%d → %d [%s] Seq=%u Ack=%u Win=%u Len=%d",
		sport, dport, flags_string(flags), seq, buf(8, 4):uint(),
		buf(16, 4):uint(), len)
	return buf:len()
end

DissectorTable.get("ip.proto"):add(tonumber(os.getenv("TERN_PROTO") or "253"), tern)
