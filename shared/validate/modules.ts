import { cellOf } from '../at';
import { error, warning } from '../findings';
import type { Module } from '../model';
import { isShared } from '../sequencing';
import type { RuleContext } from './rules';

function competencyName(ctx: RuleContext, id: string): string {
  return ctx.index.competencyById.get(id)?.name || id;
}

function title(m: Module): string {
  return m.title ? `${m.id} "${m.title}"` : m.id;
}

/** Module placement: tab order against dependencies, foundation before role, prerequisites within a track. */
export function checkModules(ctx: RuleContext): void {
  const { wb, index, findings } = ctx;
  const { sequence } = ctx;
  const { developers } = sequence;
  const compName = (id: string) => competencyName(ctx, id);

  for (const m of index.moduleById.values()) {
    if (m.develops.length === 0 && (m.at.cols.develops ?? -1) >= 0)
      findings.push(warning(m.at.sheet, cellOf(m.at, 'develops'), 'module-develops-nothing', `Module ${title(m)} develops no competency, so Rungs cannot tell where it belongs in a learning path. List the competency ids it develops.`));

    // A module placed above a module it has to wait for.
    const waitsOn = (sequence.before.get(m.id) ?? []).find(
      (e) => e.kind === 'dependency' && (index.moduleById.get(e.from)?.at.row ?? -1) > m.at.row && !m.prerequisites.includes(e.from),
    );
    if (waitsOn && waitsOn.kind === 'dependency') {
      const other = index.moduleById.get(waitsOn.from)!;
      findings.push(warning(m.at.sheet, cellOf(m.at, 'id'), 'module-order', `Module ${title(m)} comes before ${title(other)} (row ${other.at.row + 1}), but it develops "${compName(waitsOn.competency)}", which depends on "${compName(waitsOn.dependsOn)}" that ${other.id} develops. Move ${other.id} above it, or list ${other.id} as a prerequisite.`));
    }

    if (isShared(m)) {
      // The shared foundation comes first, so it cannot wait on a role branch.
      for (const c of m.develops) {
        const comp = index.competencyById.get(c);
        for (const d of comp?.dependsOn ?? []) {
          const devs = developers.get(d) ?? [];
          if (devs.length > 0 && !devs.some(isShared)) {
            findings.push(error(m.at.sheet, cellOf(m.at, 'develops'), 'foundation-depends-on-role', `Shared module ${title(m)} develops "${compName(c)}", which depends on "${compName(d)}", but only role modules (${devs.map((x) => x.id).join(', ')}) develop "${compName(d)}". The shared foundation comes before every role branch: develop "${compName(d)}" in a shared module too, or move ${m.id} into the track.`));
            break;
          }
        }
      }
      const rolePrereqs = m.prerequisites.filter((p) => {
        const pm = index.moduleById.get(p);
        return pm !== undefined && !isShared(pm);
      });
      if (rolePrereqs.length > 0)
        findings.push(error(m.at.sheet, cellOf(m.at, 'prerequisites'), 'foundation-depends-on-role', `Shared module ${title(m)} requires ${rolePrereqs.join(', ')}, which belong${rolePrereqs.length > 1 ? '' : 's'} to a track. The shared foundation comes before every role branch, so its prerequisites must be shared modules.`));
    } else {
      const otherTrack = m.prerequisites.filter((p) => {
        const pm = index.moduleById.get(p);
        return pm !== undefined && !isShared(pm) && pm.trackId !== m.trackId;
      });
      if (otherTrack.length > 0)
        findings.push(error(m.at.sheet, cellOf(m.at, 'prerequisites'), 'prerequisite-other-track', `Module ${title(m)} of track ${m.trackId} requires ${otherTrack.map((p) => `${p} (track ${index.moduleById.get(p)!.trackId})`).join(', ')}. Learners of ${m.trackId} never take another track's modules: make the prerequisite a Shared module or pick one from ${m.trackId}.`));
      const required = index.requiredByTrack.get(m.trackId);
      if (required && index.trackById.has(m.trackId)) {
        const outside = m.develops.filter((c) => index.competencyById.has(c) && !required.has(c));
        if (outside.length > 0)
          findings.push(warning(m.at.sheet, cellOf(m.at, 'develops'), 'module-outside-track', `Module ${title(m)} develops ${outside.map((c) => `"${compName(c)}"`).join(', ')}, which the ${m.trackId} matrix does not expect at any level. Add ${outside.length > 1 ? 'them' : 'it'} to the matrix, or move the module.`));
      }
    }
  }
}
