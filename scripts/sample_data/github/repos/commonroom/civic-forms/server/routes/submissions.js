/*
 * Civic Forms - accessible online forms for local councils
 * Copyright (C) 2023 Common Room Cooperative
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU Affero General Public License as published
 * by the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU Affero General Public License for more details.
 *
 * You should have received a copy of the GNU Affero General Public License
 * along with this program.  If not, see <https://www.gnu.org/licenses/>.
 */
'use strict';

const express = require('express');
const { validateSubmission } = require('../lib/validate');
const { requireRole } = require('../middleware/auth');

const router = express.Router();
const jsonBody = express.json({ limit: '256kb' });

router.post('/forms/:formId/submissions', jsonBody, async (req, res, next) => {
  try {
    const form = await req.db.forms.findPublished(req.params.formId);
    if (!form) return res.status(404).json({ error: 'form not found' });

    const errors = validateSubmission(form.schema, req.body);
    if (errors.length > 0) return res.status(422).json({ errors });

    const submission = await req.db.submissions.insert({
      formId: form.id,
      answers: req.body,
      receivedAt: new Date(),
      ipHash: req.ipHash,
    });
    return res
      .status(201)
      .location(`/forms/${form.id}/submissions/${submission.id}`)
      .json({ id: submission.id });
  } catch (err) {
    return next(err);
  }
});

router.get('/forms/:formId/submissions', requireRole('clerk'), async (req, res, next) => {
  try {
    const limit = Math.min(Number.parseInt(req.query.limit, 10) || 50, 200);
    const rows = await req.db.submissions.list(req.params.formId, {
      limit,
      before: req.query.before ? new Date(req.query.before) : undefined,
    });
    const nextCursor = rows.length === limit ? rows[rows.length - 1].receivedAt : null;
    return res.json({ submissions: rows, next: nextCursor });
  } catch (err) {
    return next(err);
  }
});

router.delete('/forms/:formId/submissions/:id', requireRole('admin'), async (req, res, next) => {
  try {
    const removed = await req.db.submissions.remove(req.params.formId, req.params.id);
    return res.status(removed ? 204 : 404).end();
  } catch (err) {
    return next(err);
  }
});

module.exports = router;
