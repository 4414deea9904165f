// Behaviour of the dashboard's pages. The Content-Security-Policy allows no inline
// scripts, so every page loads this file and marks its elements with data attributes:
//   data-chart-url     JSON of the form {"categories": [...], "<series>": [...]} to draw
//   data-chart-series  which array to draw, "sales" unless set
//   data-chart-type    ApexCharts type, "bar" unless set
//   data-chart-label   name of the series in the tooltip
//   data-empty-text    shown in place of a chart without data
//   data-error-text    shown when the data cannot be loaded
//   data-autosubmit    on a select: submits its form when the choice changes
(function () {
  'use strict';

  function showText(element, text) {
    element.textContent = text || '';
    element.classList.add('text-secondary');
  }

  function renderChart(element) {
    fetch(element.dataset.chartUrl, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.json();
      })
      .then(function (data) {
        var values = data[element.dataset.chartSeries || 'sales'] || [];
        if (!data.categories || data.categories.length === 0) {
          showText(element, element.dataset.emptyText);
          element.dataset.chartState = 'empty';
          return;
        }
        var chart = new ApexCharts(element, {
          chart: { type: element.dataset.chartType || 'bar', height: 280, toolbar: { show: false }, animations: { enabled: false } },
          series: [{ name: element.dataset.chartLabel || '', data: values }],
          xaxis: { categories: data.categories },
          dataLabels: { enabled: false },
          stroke: { width: 2 }
        });
        return chart.render().then(function () {
          element.dataset.chartState = 'rendered';
        });
      })
      .catch(function () {
        showText(element, element.dataset.errorText);
        element.dataset.chartState = 'error';
      });
  }

  document.querySelectorAll('[data-chart-url]').forEach(renderChart);
  document.querySelectorAll('select[data-autosubmit]').forEach(function (select) {
    select.addEventListener('change', function () {
      select.form.submit();
    });
  });
})();
