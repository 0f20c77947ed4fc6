package profile

// realism renders the local-habit scorecard (docs/realism.md): each figure
// against its band.
func (h *page) realism() {
	sc := h.p.Realism
	if sc == nil {
		return
	}
	pass := 0
	for _, f := range sc.Figures {
		if f.Pass {
			pass++
		}
	}
	h.s(`<section id="realism"><h2>Realism</h2>`)
	h.f(`<p>%d of %d local-habit figures inside the band of docs/realism.md, measured on %s rows`, pass, len(sc.Figures), fmtInt(sc.Rows))
	if sc.Sampled {
		h.s(` (evenly spaced row groups; calendar figures need the whole file)`)
	}
	h.s(`.</p><table class="kv"><tr><th>figure</th><th>property</th><th class="n">measured</th><th>band</th><th></th></tr>`)
	for _, f := range sc.Figures {
		mark := `<span class="badge">ok</span>`
		if !f.Pass {
			mark = `<span class="badge bad">outside</span>`
		}
		h.f(`<tr><td>%s</td><td>%s</td><td class="n">%.4g</td><td>[%g, %g]</td><td>%s</td></tr>`, esc(f.Name), esc(f.Property), f.Measured, f.Lo, f.Hi, mark)
	}
	h.s("</table></section>\n")
}
